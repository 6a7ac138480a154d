// The directory's search, filters and sort as the page's query string, so a search can be shared
// as a link and the back button returns to the previous one. A value the API would refuse (a year
// out of range, an unknown industry, a misspelt flag) is dropped when read, so a hand-edited link
// still shows a page instead of an error.
import type { z } from "zod";
import { directorySorts } from "../../shared/contract/people.ts";
import type { listDirectory } from "../../shared/contract/people.ts";
import { industryCodes, isLocationCode, openToCodes, profileLimits } from "../../shared/people.ts";

export const directoryRoles = ["employee", "alumni", "admin"] as const;
export type DirectoryRole = (typeof directoryRoles)[number];
export type DirectorySort = (typeof directorySorts)[number];

export interface DirectoryState {
  q: string;
  role: DirectoryRole | null;
  joinFrom: number | null;
  joinTo: number | null;
  leaveFrom: number | null;
  leaveTo: number | null;
  department: string;
  industry: string | null;
  location: string | null;
  openTo: string[];
  supporter: boolean;
  sort: DirectorySort;
}

export const emptyDirectoryState: DirectoryState = {
  q: "",
  role: null,
  joinFrom: null,
  joinTo: null,
  leaveFrom: null,
  leaveTo: null,
  department: "",
  industry: null,
  location: null,
  openTo: [],
  supporter: false,
  sort: "name",
};

/** The years the API accepts; anything else is not a filter yet (still being typed) or a mistake. */
export function parseYear(text: string | null | undefined): number | null {
  const trimmed = (text ?? "").normalize("NFKC").trim();
  if (!/^\d{4}$/.test(trimmed)) return null;
  const year = Number(trimmed);
  return year >= 1900 && year <= 2100 ? year : null;
}

const oneOf = <T extends string>(list: readonly T[], value: string | null): T | null =>
  value !== null && (list as readonly string[]).includes(value) ? (value as T) : null;

export function readDirectoryState(params: URLSearchParams): DirectoryState {
  const openTo = (params.get("openTo") ?? "")
    .split(",")
    .map((flag) => flag.trim())
    .filter((flag, index, all) => (openToCodes as readonly string[]).includes(flag) && all.indexOf(flag) === index);
  const location = params.get("location");
  return {
    q: (params.get("q") ?? "").slice(0, 200),
    role: oneOf(directoryRoles, params.get("role")),
    joinFrom: parseYear(params.get("joinFrom")),
    joinTo: parseYear(params.get("joinTo")),
    leaveFrom: parseYear(params.get("leaveFrom")),
    leaveTo: parseYear(params.get("leaveTo")),
    department: (params.get("department") ?? "").slice(0, profileLimits.departmentMax),
    industry: oneOf(industryCodes, params.get("industry")),
    location: location !== null && isLocationCode(location) ? location : null,
    openTo,
    supporter: params.get("supporter") === "true",
    sort: oneOf(directorySorts, params.get("sort")) ?? "name",
  };
}

/** The query string of a state: only what differs from the defaults, in a stable order. */
export function writeDirectoryState(state: DirectoryState): URLSearchParams {
  const params = new URLSearchParams();
  const set = (name: string, value: string | number | null) => {
    if (value !== null && value !== "") params.set(name, String(value));
  };
  set("q", state.q.trim());
  set("role", state.role);
  set("joinFrom", state.joinFrom);
  set("joinTo", state.joinTo);
  set("leaveFrom", state.leaveFrom);
  set("leaveTo", state.leaveTo);
  set("department", state.department.trim());
  set("industry", state.industry);
  set("location", state.location);
  set("openTo", state.openTo.join(","));
  set("supporter", state.supporter ? "true" : null);
  set("sort", state.sort === "name" ? null : state.sort);
  return params;
}

/** How many filters are set (the search words and the sort are not filters). */
export function countFilters(state: DirectoryState): number {
  return (
    [state.role, state.joinFrom, state.joinTo, state.leaveFrom, state.leaveTo, state.industry, state.location].filter((v) => v !== null)
      .length +
    (state.department.trim() !== "" ? 1 : 0) +
    (state.openTo.length > 0 ? 1 : 0) +
    (state.supporter ? 1 : 0)
  );
}

type DirectoryQuery = z.input<NonNullable<(typeof listDirectory)["query"]>>;

/** What listDirectory is asked (without the cursor); also the query key of the cached pages. */
export function toDirectoryQuery(state: DirectoryState): DirectoryQuery {
  const query: DirectoryQuery = { q: state.q.trim(), sort: state.sort };
  if (state.role) query.role = state.role;
  if (state.joinFrom !== null) query.joinFrom = state.joinFrom;
  if (state.joinTo !== null) query.joinTo = state.joinTo;
  if (state.leaveFrom !== null) query.leaveFrom = state.leaveFrom;
  if (state.leaveTo !== null) query.leaveTo = state.leaveTo;
  if (state.department.trim() !== "") query.department = state.department.trim();
  if (state.industry) query.industry = state.industry;
  if (state.location) query.location = state.location;
  // One comma-separated value: the API client sends scalars only, and the contract splits it.
  if (state.openTo.length > 0) query.openTo = state.openTo.join(",");
  if (state.supporter) query.supporter = "true";
  return query;
}
