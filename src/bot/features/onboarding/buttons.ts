import { z } from "zod";
import { button } from "../../router.js";

export const languageButton = button("lang", "anyone", z.tuple([z.enum(["kk", "ru"])]));
