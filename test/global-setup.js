'use strict';
// Tests synthesize stacks that ship the handler bundle, and run it: build it from the current sources first.
module.exports = async () => {
  await require('../scripts/bundle-handler').bundleHandler();
};
