import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { parseRosterFile, parseRosterRows } from "../../src/domain/roster.js";

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
    expect(parseRosterRows([["Имя", "Почта"], ["А", "a@b"]])).toEqual({ ok: false, fileError: { code: "no_header", missing: ["fullName", "phone"] } });
    expect(parseRosterRows([["ФИО", "Телефон"]])).toEqual({ ok: false, fileError: { code: "no_rows" } });
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
