import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { toWindows1251 } from "../support/windows-1251.js";
import { isFullName, keptRole, namesMatch, parseRosterFile, parseRosterRows } from "../../src/domain/roster.js";

describe("roster parsing", () => {
  it("reads Russian headers in any order, with a title row above, and normalises values", () => {
    const result = parseRosterRows([
      ["Список сотрудников АО «Тест»"],
      ["Телефон", "ФИО", "Подразделение", "Должность", "Роль", "Язык"],
      ["8 701 111 22 33", "Ахметов  Ерлан Серикович", "Служба закупок", "Менеджер", "ответственный", "қазақша"],
      ["+7 702 000 00 01", "Иванова Анна", "", "", "", ""],
      ["", "", "", "", "", ""],
    ]);
    expect(result).toEqual({
      ok: true,
      rows: [
        { rowNumber: 3, fullName: "Ахметов Ерлан Серикович", phone: "77011112233", department: "Служба закупок", position: "Менеджер", role: "officer", language: "kk" },
        { rowNumber: 4, fullName: "Иванова Анна", phone: "77020000001", department: null, position: null, role: "employee", language: null },
      ],
    });
  });

  it("reads Kazakh headers", () => {
    const result = parseRosterRows([
      ["Аты-жөні", "Телефон", "Бөлімше", "Лауазымы", "Рөлі", "Тіл"],
      ["Сәрсенбаева Гүлнар", "87075554433", "Бухгалтерия", "Бас бухгалтер", "комплаенс", "kk"],
    ]);
    expect(result.ok && result.rows[0]).toMatchObject({ fullName: "Сәрсенбаева Гүлнар", role: "compliance", language: "kk", department: "Бухгалтерия" });
  });

  it("reports every bad row with its number and reason, and returns no rows", () => {
    const result = parseRosterRows([
      ["ФИО", "Телефон", "Роль", "Язык"],
      ["", "87010000001", "", ""],
      ["Б", "12", "", ""],
      ["В", "87010000003", "директор", "en"],
      ["Г", "87010000004", "", ""],
      ["Д", "+7 701 000 00 04", "", ""],
      ["Е", "", "", ""],
    ]);
    expect(result.ok).toBe(false);
    if (result.ok || !("issues" in result)) throw new Error("expected issues");
    expect(result.issues).toEqual([
      { rowNumber: 2, code: "missing_name" },
      { rowNumber: 3, code: "bad_phone", value: "12" },
      { rowNumber: 4, code: "bad_role", value: "директор" },
      { rowNumber: 4, code: "bad_language", value: "en" },
      { rowNumber: 6, code: "duplicate_phone", value: "+7 701 000 00 04", firstRow: 5 },
      { rowNumber: 7, code: "missing_phone" },
    ]);
    expect(result.validRows).toBe(1);
  });

  it("explains a missing header and an empty list", () => {
    expect(parseRosterRows([["Имя", "Почта"], ["А", "a@b"]])).toEqual({ ok: false, fileError: { code: "no_header", missing: ["fullName", "phone"], found: ["Имя", "Почта"] } });
    expect(parseRosterRows([["ФИО", "Телефон"]])).toEqual({ ok: false, fileError: { code: "no_rows" } });
  });

  it("reads the same roster alike whether saved as UTF-8, UTF-8 with a BOM, Windows-1251 (Russian Excel's «CSV») or UTF-16 («Unicode text»)", async () => {
    const text = "ФИО;Телефон;Подразделение;Должность\r\nЁлкина Наталья Сергеевна;87011112233;Комплаенс-служба;Комплаенс-офицер\r\nЪдаков Юрий;+7 (701) 111-22-34;Отдел № 5;Инженер\r\n";
    const utf16be = (s: string) => Buffer.from(s, "utf16le").swap16();
    const files: Record<string, Buffer> = {
      "utf-8": Buffer.from(text, "utf8"),
      "utf-8 with BOM": Buffer.from("\uFEFF" + text, "utf8"),
      "windows-1251": toWindows1251(text),
      "utf-16le with BOM": Buffer.from("\uFEFF" + text.replaceAll(";", "\t"), "utf16le"),
      "utf-16be with BOM": utf16be("\uFEFF" + text.replaceAll(";", "\t")),
    };
    expect(files["windows-1251"]!.includes(Buffer.from("ФИО", "utf8"))).toBe(false); // really another encoding
    const expected = await parseRosterFile(files["utf-8"]!, "staff.csv");
    expect(expected.ok && expected.rows.map((r) => [r.fullName, r.phone, r.department, r.position])).toEqual([
      ["Ёлкина Наталья Сергеевна", "77011112233", "Комплаенс-служба", "Комплаенс-офицер"],
      ["Ъдаков Юрий", "77011112234", "Отдел № 5", "Инженер"],
    ]);
    for (const [name, bytes] of Object.entries(files)) expect([name, await parseRosterFile(bytes, "staff.csv")]).toEqual([name, expected]);
  });

  it("parses CSV with semicolons and a BOM, and XLSX", async () => {
    const csv = Buffer.from("\uFEFFФИО;Телефон;Подразделение\nАхметов Ерлан;87011112233;ИТ\n", "utf8");
    const fromCsv = await parseRosterFile(csv, "staff.csv");
    expect(fromCsv.ok && fromCsv.rows[0]).toMatchObject({ fullName: "Ахметов Ерлан", phone: "77011112233", department: "ИТ" });

    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Лист1");
    ws.addRow(["ФИО", "Телефон", "Подразделение"]);
    ws.addRow(["Сәрсенбаева Гүлнар", 87075554433, "Бухгалтерия"]);
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
    const fromXlsx = await parseRosterFile(xlsx, "staff.xlsx");
    expect(fromXlsx.ok && fromXlsx.rows[0]).toMatchObject({ fullName: "Сәрсенбаева Гүлнар", phone: "77075554433" });
  });

  it("rejects unsupported, corrupt and oversized files with a reason", async () => {
    expect(await parseRosterFile(Buffer.from("x"), "staff.pdf")).toEqual({ ok: false, fileError: { code: "unsupported_format" } });
    const corrupt = await parseRosterFile(Buffer.from("PK\u0003\u0004 not really a zip"), "staff.xlsx");
    expect(corrupt.ok === false && "fileError" in corrupt && corrupt.fileError.code).toBe("unreadable");
    const big = await parseRosterFile(Buffer.alloc(6 * 1024 * 1024, 65), "staff.csv");
    expect(big.ok === false && "fileError" in big && big.fileError.code).toBe("too_large");
    const empty = await parseRosterFile(Buffer.from("\n\n"), "staff.csv");
    expect(empty.ok === false && "fileError" in empty && empty.fileError.code).toBe("empty");
  });
});

describe("one person, one record", () => {
  it("a full name is a surname and a first name at least", () => {
    for (const name of ["Иванова Наталья", "Иванова Наталья Сергеевна", "Ли Ан", "Сәрсенбаева Гүлнар", "Жан-Поль Сартр"]) expect([name, isFullName(name)]).toEqual([name, true]);
    for (const name of ["Наталья", "Иванова Н.", "Н. С. Иванова", "  ", "Иванова -"]) expect([name, isFullName(name)]).toEqual([name, false]);
  });

  it("a typed name matches a roster entry when each of its words is one of the entry's", () => {
    expect(namesMatch("Иванова Наталья", "Иванова Наталья Сергеевна")).toBe(true);
    expect(namesMatch("наталья  ИВАНОВА", "Иванова Наталья Сергеевна")).toBe(true);
    expect(namesMatch("Алёна Петрова", "Петрова Алена")).toBe(true);
    expect(namesMatch("Наталья", "Иванова Наталья Сергеевна")).toBe(false);
    expect(namesMatch("Иванова Наталия", "Иванова Наталья Сергеевна")).toBe(false);
    expect(namesMatch("Иванова Наталья Петровна", "Иванова Наталья Сергеевна")).toBe(false);
  });

  it("the compliance role is kept through one's own roster row", () => {
    expect(keptRole("compliance", "employee")).toBe("compliance");
    expect(keptRole("employee", "officer")).toBe("officer");
    expect(keptRole("observer", "employee")).toBe("employee");
  });
});
