// A task's title in the reader's language (shared with the summaries: bot/ui/task-title.ts).
export { taskTitle } from "../../ui/task-title.js";
