import { describe, expect, it } from "vitest";
import { matchResponsible, namesInParentheses } from "../../../src/domain/plan/responsible.js";

const roster = [
  { id: 1, fullName: "Ахметов Ерлан Серикович", position: "Главный бухгалтер", role: "officer" },
  { id: 2, fullName: "Сәрсенбаева Гүлнар Маратқызы", position: "Комплаенс-офицер", role: "compliance" },
  { id: 3, fullName: "Ким Анна", position: "Менеджер по закупкам", role: "officer" },
  { id: 4, fullName: "Ли Олег", position: "Менеджер по закупкам", role: "employee" },
];

describe("responsible people of a plan item", () => {
  it("matches full names, surname with initials, positions and the compliance service", () => {
    expect(matchResponsible(["Ахметов Е.С."], roster)).toEqual({ userIds: [1], unmatched: [] });
    expect(matchResponsible(["ахметов ерлан серикович"], roster)).toEqual({ userIds: [1], unmatched: [] });
    expect(matchResponsible(["главный бухгалтер"], roster)).toEqual({ userIds: [1], unmatched: [] });
    expect(matchResponsible(["Менеджер по закупкам"], roster).userIds.sort()).toEqual([3, 4]);
    expect(matchResponsible(["комплаенс-служба"], roster)).toEqual({ userIds: [2], unmatched: [] });
  });

  it("reports what matches nobody, without guessing", () => {
    expect(matchResponsible(["ОҚП", "Ахметов Б.Б.", " "], roster)).toEqual({ userIds: [], unmatched: ["ОҚП", "Ахметов Б.Б."] });
  });
});

describe("two-part names", () => {
  it("match a person whose full name has no patronymic", () => {
    expect(matchResponsible(["Ли Олег"], [{ id: 9, fullName: "Ли Олег", position: null, role: "employee" }])).toEqual({ userIds: [9], unmatched: [] });
  });
});

describe("a unit with its people in parentheses (seed 004)", () => {
  const staff = [
    { id: 10, fullName: "Нурсейтова Бота Кайратовна", position: "Менеджер", role: "employee" },
    { id: 11, fullName: "Айтулова Асель Каримовна", position: "Менеджер", role: "employee" },
  ];
  const cell = "Служба управления персоналом (кадровая служба) (Нурсейтова Б.К., Айтулова А.К.)";
  it("assigns each person named, and reports the ones not found by name", () => {
    expect(namesInParentheses(cell)).toEqual(["Нурсейтова Б.К.", "Айтулова А.К."]);
    expect(namesInParentheses("Служба управления персоналом (кадровая служба)")).toEqual([]);
    expect(matchResponsible([cell], staff)).toEqual({ userIds: [10, 11], unmatched: [] });
    expect(matchResponsible([cell], staff.slice(0, 1))).toEqual({ userIds: [10], unmatched: ["Айтулова А.К."] });
  });
  it("with nobody found inside, the cell is matched as a whole (and reported as such)", () => {
    expect(matchResponsible([cell], [])).toEqual({ userIds: [], unmatched: [cell] });
  });
});
