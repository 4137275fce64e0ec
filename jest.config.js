/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test', '<rootDir>/examples'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022' } }] },
  // Tests of servers and child processes need more than jest's 5 s default on a 2-core machine.
  // Examples import the package by name, as users do.
  moduleNameMapper: { '^cdktf-cos-media$': '<rootDir>/src/index.ts' },
  testTimeout: 60000,
  // Builds dist/cos-media-handler.js from the current sources: synth tests ship it, end-to-end tests run it.
  globalSetup: '<rootDir>/test/global-setup.js',
};
