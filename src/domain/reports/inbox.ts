// The case handlers' inbox (PRODUCT.md §2): which filters it has and how many cases a page shows.
export type InboxFilter = "open" | "new" | "overdue" | "mine" | "closed" | "all";
export const INBOX_FILTERS: readonly InboxFilter[] = ["open", "new", "overdue", "mine", "closed", "all"];
export const INBOX_PAGE_SIZE = 8;
