/** What a task's title is made of: a milestone's i18n key and values, or a plan item as written. */
export interface TaskTitleFields {
  title: string;
  titleKey: string | null;
  titleParams: string | Record<string, unknown> | null;
  number: string | null;
}
