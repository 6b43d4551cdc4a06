import { translateStored, type TFunction } from "../../../i18n.js";

/** What a task's title is made of. */
export interface TaskTitleFields {
  title: string;
  titleKey: string | null;
  titleParams: string | Record<string, unknown> | null;
  number: string | null;
}

/** A task's title in the reader's language: milestones by i18n key, plan items as written. */
export function taskTitle(t: TFunction, task: TaskTitleFields): string {
  if (task.titleKey) {
    const params = typeof task.titleParams === "string" ? (JSON.parse(task.titleParams) as Record<string, unknown>) : (task.titleParams ?? {});
    return translateStored(t, task.titleKey, params);
  }
  return task.number ? `${task.number}. ${task.title}` : task.title;
}
