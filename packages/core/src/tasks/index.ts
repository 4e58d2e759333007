export { parseTasks, type Task } from './parse-tasks.js';
