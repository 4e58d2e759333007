/**
 * The specforge core: spec model, rendering engine and plan generation.
 * @packageDocumentation
 */
export * from './errors/index.js';
