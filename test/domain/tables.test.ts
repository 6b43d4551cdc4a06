// Hostile spreadsheets are refused while they are unpacked, before ExcelJS parses them:
// a zip bomb by what really comes out (not what the archive declares), a sheet of a million
// rows by its rows. A real workbook still reads.
import ExcelJS from "exceljs";
import { Zip, ZipDeflate, zipSync, strToU8 } from "fflate";
import { describe, expect, it } from "vitest";
import { checkXlsxArchive, decodeTableText, detectCsvDelimiter, detectTextEncoding, MAX_TABLE_ROWS, MAX_UNZIPPED_BYTES, readTable } from "../../src/domain/tables.js";

/** A zip whose one entry inflates to `megabytes` of zeros (about 1,000 : 1). */
function zipBomb(name: string, megabytes: number): Buffer {
  const parts: Uint8Array[] = [];
  const zip = new Zip((error, chunk) => {
    if (error) throw error;
    parts.push(chunk);
  });
  const entry = new ZipDeflate(name, { level: 1 });
  zip.add(entry);
  const zeros = new Uint8Array(1024 * 1024);
  for (let i = 0; i < megabytes; i++) entry.push(zeros, i === megabytes - 1);
  zip.end();
  return Buffer.concat(parts);
}

describe("reading an XLSX", () => {
  it("refuses a zip bomb by the bytes that come out, whatever the archive declares", async () => {
    const bomb = zipBomb("xl/sharedStrings.xml", 100);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    expect(checkXlsxArchive(bomb)).toEqual({ code: "too_large" });
    expect(await readTable(bomb, "xlsx")).toEqual({ ok: false, error: { code: "too_large" } });
    expect(100 * 1024 * 1024).toBeGreaterThan(MAX_UNZIPPED_BYTES);
  });

  it("refuses a sheet with more rows than an import takes while counting them, before parsing", async () => {
    const rows = Array.from({ length: 1_000_000 }, (_, i) => `<row r="${i + 1}"/>`).join("");
    const xml = `<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows}</sheetData></worksheet>`;
    const file = Buffer.from(zipSync({ "xl/worksheets/sheet1.xml": strToU8(xml) }, { level: 9 }));
    expect(file.length).toBeLessThan(5 * 1024 * 1024);
    expect(checkXlsxArchive(file)).toEqual({ code: "too_many_rows" });
    expect(await readTable(file, "xlsx")).toEqual({ ok: false, error: { code: "too_many_rows" } });
  });

  it("counts rows written with a namespace prefix too", () => {
    const rows = Array.from({ length: MAX_TABLE_ROWS + 10 }, (_, i) => `<x:row r="${i + 1}"></x:row>`).join("");
    const file = zipSync({ "xl/worksheets/sheet2.xml": strToU8(`<x:worksheet><x:sheetData>${rows}</x:sheetData></x:worksheet>`) });
    expect(checkXlsxArchive(file)).toEqual({ code: "too_many_rows" });
  });

  it("reads a real workbook up to the row limit", async () => {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet("Список");
    sheet.addRow(["ФИО", "Телефон"]);
    for (let i = 0; i < MAX_TABLE_ROWS; i++) sheet.addRow([`Қызметкер ${i}`, `+7 701 ${String(i).padStart(7, "0")}`]);
    const file = Buffer.from(await wb.xlsx.writeBuffer());
    expect(checkXlsxArchive(file)).toBeNull();
    const table = await readTable(file, "xlsx");
    expect(table.ok && table.rows.length).toBe(MAX_TABLE_ROWS + 1);
  }, 60_000);

  it("a file that is no archive is unreadable, not a crash", () => {
    expect(checkXlsxArchive(Buffer.from("PK\u0003\u0004 not really a zip"))?.code).toBe("unreadable");
  });
});

describe("reading a CSV", () => {
  it("tells the encoding from the bytes: a BOM, else valid UTF-8, else Windows-1251", () => {
    expect(detectTextEncoding(Buffer.from("\uFEFFФИО", "utf8"))).toEqual({ encoding: "utf-8", bomLength: 3 });
    expect(detectTextEncoding(Buffer.from("ФИО", "utf8"))).toEqual({ encoding: "utf-8", bomLength: 0 });
    expect(detectTextEncoding(Buffer.from("\uFEFFФИО", "utf16le"))).toEqual({ encoding: "utf-16le", bomLength: 2 });
    expect(detectTextEncoding(Buffer.from("\uFEFFФИО", "utf16le").swap16())).toEqual({ encoding: "utf-16be", bomLength: 2 });
    // «ФИО;Телефон» as Russian Excel saves it.
    const cp1251 = Buffer.from([0xd4, 0xc8, 0xce, 0x3b, 0xd2, 0xe5, 0xeb, 0xe5, 0xf4, 0xee, 0xed]);
    expect(detectTextEncoding(cp1251)).toEqual({ encoding: "windows-1251", bomLength: 0 });
    expect(decodeTableText(cp1251)).toBe("ФИО;Телефон");
    expect(decodeTableText(Buffer.from("\uFEFFФИО", "utf8"))).toBe("ФИО");
  });

  it("reads a Windows-1251 CSV into the same rows as its UTF-8 copy", async () => {
    const cp1251 = Buffer.from([0xd4, 0xc8, 0xce, 0x3b, 0xd2, 0xe5, 0xeb, 0xe5, 0xf4, 0xee, 0xed, 0x0a, 0xdf, 0x3b, 0x31]);
    expect(await readTable(cp1251, "csv")).toEqual({ ok: true, rows: [["ФИО", "Телефон"], ["Я", "1"]] });
    expect(await readTable(Buffer.from("ФИО;Телефон\nЯ;1", "utf8"), "csv")).toEqual({ ok: true, rows: [["ФИО", "Телефон"], ["Я", "1"]] });
  });
});

describe("a CSV's one separator", () => {
  // Seed 004's item 16 as a spreadsheet saves it: the responsible cell holds a comma, the deadline a semicolon.
  const responsible = "Служба комплаенс (Нурсейтова Б.К., Айтулова А.К.)";
  const deadline = "Ежеквартально, не позднее 25 числа месяца, следующего за отчетным кварталом; ежегодно – не позднее 25 числа второго месяца, следующего за отчетным годом";
  it("a `;` file keeps an unquoted comma inside a cell", async () => {
    const text = ["№;Мероприятие;Ответственные;Срок", `16;Отчёт совету директоров;${responsible};до 25 числа`, "17;Обучение, инструктаж;Отдел кадров;31.12.2026"].join("\r\n");
    expect(detectCsvDelimiter(text)).toBe(";");
    const table = await readTable(Buffer.from(text, "utf8"), "csv");
    expect(table.ok && table.rows[1]).toEqual(["16", "Отчёт совету директоров", responsible, "до 25 числа"]);
    expect(table.ok && table.rows[2]).toEqual(["17", "Обучение, инструктаж", "Отдел кадров", "31.12.2026"]);
  });
  it("a `,` file keeps a `;` inside a cell, quoted commas too", async () => {
    const text = ["№,Мероприятие,Ответственные,Срок", `16,Отчёт совету директоров,"${responsible}",${deadline.replace(/,/g, "")}`, "17,Обучение,Отдел кадров,31.12.2026"].join("\n");
    expect(detectCsvDelimiter(text)).toBe(",");
    const table = await readTable(Buffer.from(text, "utf8"), "csv");
    expect(table.ok && table.rows[1]).toEqual(["16", "Отчёт совету директоров", responsible, deadline.replace(/,/g, "")]);
  });
  it("a tab file; a header alone; quoted line breaks do not count as lines", () => {
    expect(detectCsvDelimiter("ФИО\tТелефон\tПодразделение\nИванов И.И.\t+77010000001\tБухгалтерия, склад\n")).toBe("\t");
    expect(detectCsvDelimiter("ФИО;Телефон;Подразделение")).toBe(";");
    expect(detectCsvDelimiter('a,b,c\n"x;\ny;z",2,3\n4,5,6\n')).toBe(",");
  });
});
