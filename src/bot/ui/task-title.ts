import type { TaskTitleFields } from "../../domain/plan/titles.js";
import { translateStored, type TFunction } from "../../i18n.js";

/** A task's title in the reader's language: milestones by i18n key, plan items as written (the deadline screens and the summaries). */
export function taskTitle(t: TFunction, task: TaskTitleFields): string {
  if (task.titleKey) {
    const params = typeof task.titleParams === "string" ? (JSON.parse(task.titleParams) as Record<string, unknown>) : (task.titleParams ?? {});
    return translateStored(t, task.titleKey, params);
  }
  return task.number ? `${task.number}. ${task.title}` : task.title;
}
