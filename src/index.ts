// The package root only re-exports; see ../shared/DESIGN.md for the public names.
export {};
