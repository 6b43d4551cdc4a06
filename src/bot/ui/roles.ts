import { isRole } from "../../domain/roles.js";
import type { TFunction } from "../../i18n.js";

/** A role's name in the reader's language; a role the product does not know is shown as stored. */
export function roleName(t: TFunction, role: string): string {
  return isRole(role) ? t(`roles.${role}`) : role;
}
