import type { Db } from "../client.js";

export interface DepartmentRecord {
  id: number;
  name: string;
}

export function listDepartments(db: Db): Promise<DepartmentRecord[]> {
  return db.department.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } });
}

export function findDepartment(db: Db, id: number): Promise<DepartmentRecord | null> {
  return db.department.findUnique({ where: { id }, select: { id: true, name: true } });
}
