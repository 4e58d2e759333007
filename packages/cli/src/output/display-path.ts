// The CLI names files as core's displayPath does, as the library's reports (check) do.
export { displayPath } from '@specforge/core';
