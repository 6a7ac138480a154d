// The directory's words built from data (src/web/people/directory-format.ts) and its URL state
// (directory-url.ts), in both languages: a search hit's marked parts, a card's years, every kind
// of "people you may know" reason, and filters that survive the query string and reject what the
// API would refuse. The pages themselves are driven in test/e2e/flows/people.flow.ts.
import { describe, expect, it } from "vitest";
import { en } from "../../src/web/platform/i18n/en.ts";
import { ja } from "../../src/web/platform/i18n/ja.ts";
import type { Messages } from "../../src/web/platform/i18n/ja.ts";
import type { Translate } from "../../src/web/platform/i18n/i18n.context.tsx";
import { highlightParts, matchFieldLabel, reasonText, yearsLabel } from "../../src/web/people/directory-format.ts";
import {
  countFilters,
  emptyDirectoryState,
  readDirectoryState,
  toDirectoryQuery,
  writeDirectoryState,
} from "../../src/web/people/directory-url.ts";
import { listDirectory } from "../../src/shared/contract/people.ts";

const translator =
  (messages: Messages): Translate =>
  (key, vars = {}) =>
    messages[key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
const tJa = translator(ja);
const tEn = translator(en);

const marked = (text: string, ranges: [number, number][]) =>
  highlightParts(text, ranges)
    .map((p) => (p.mark ? `[${p.text}]` : p.text))
    .join("");

describe("highlightParts", () => {
  it("marks the ranges and keeps every character once", () => {
    expect(marked("山田 太郎", [[0, 2]])).toBe("[山田] 太郎");
    expect(
      marked("営業本部 営業企画", [
        [0, 2],
        [5, 7],
      ]),
    ).toBe("[営業]本部 [営業]企画");
    expect(marked("abc", [])).toBe("abc");
  });

  it("sorts, merges overlapping ranges and clamps those past the end", () => {
    expect(
      marked("データ分析", [
        [3, 5],
        [0, 3],
      ]),
    ).toBe("[データ][分析]");
    expect(
      marked("abcdef", [
        [1, 4],
        [2, 5],
      ]),
    ).toBe("a[bcd][e]f");
    expect(
      marked("abc", [
        [2, 10],
        [5, 6],
        [-3, 1],
      ]),
    ).toBe("[a]b[c]");
    expect(highlightParts("", [[0, 1]])).toEqual([{ text: "", mark: false }]);
  });
});

describe("yearsLabel", () => {
  it("says current employee for employees, with the join year when seen", () => {
    expect(yearsLabel(tJa, { role: "employee", joinYear: null, leaveYear: null })).toBe("現役社員");
    expect(yearsLabel(tJa, { role: "employee", joinYear: 2012, leaveYear: null })).toBe("2012年入社・現役社員");
  });

  it("gives the years of alumni and admins, or nothing when hidden", () => {
    expect(yearsLabel(tJa, { role: "alumni", joinYear: 2012, leaveYear: 2018 })).toBe("2012年入社・2018年退職");
    expect(yearsLabel(tEn, { role: "alumni", joinYear: 2012, leaveYear: 2018 })).toBe("Joined 2012 · left 2018");
    expect(yearsLabel(tJa, { role: "alumni", joinYear: null, leaveYear: 2018 })).toBe("2018年退職");
    expect(yearsLabel(tJa, { role: "admin", joinYear: 2001, leaveYear: null })).toBe("2001年入社");
    expect(yearsLabel(tJa, { role: "alumni", joinYear: null, leaveYear: null })).toBeNull();
  });
});

describe("reasonText", () => {
  it("states the overlap of a department, with whatever years are known", () => {
    const dept = (fromYear: number | null, toYear: number | null) =>
      ({ kind: "department", department: "営業本部", fromYear, toYear }) as const;
    expect(reasonText(tJa, dept(2012, 2015))).toBe("2012〜2015年に同じ営業本部");
    expect(reasonText(tJa, dept(2014, 2014))).toBe("2014年に同じ営業本部");
    expect(reasonText(tJa, dept(2012, null))).toBe("2012年から同じ営業本部");
    expect(reasonText(tJa, dept(null, 2015))).toBe("2015年まで同じ営業本部");
    expect(reasonText(tJa, dept(null, null))).toBe("同じ営業本部");
    expect(reasonText(tEn, dept(2012, 2015))).toBe("In 営業本部 together, 2012–2015");
  });

  it("words the other kinds in Japanese and English", () => {
    expect(reasonText(tJa, { kind: "joinYear", year: 2012 })).toBe("同じ2012年入社");
    expect(reasonText(tJa, { kind: "skills", values: ["AWS", "Go"] })).toBe("共通のスキル：AWS、Go");
    expect(reasonText(tEn, { kind: "skills", values: ["AWS", "Go"] })).toBe("Shared skills: AWS, Go");
    expect(reasonText(tJa, { kind: "interests", values: ["登山"] })).toBe("共通の関心：登山");
    expect(reasonText(tJa, { kind: "rooms", rooms: ["営業OB会", "釣り部"] })).toBe("同じトークルーム：営業OB会、釣り部");
    expect(reasonText(tJa, { kind: "contacts", count: 3 })).toBe("つながりのある人が3人やりとりしています");
    expect(reasonText(tEn, { kind: "contacts", count: 1 })).toBe("One of your contacts talks with them");
    expect(reasonText(tEn, { kind: "contacts", count: 3 })).toBe("3 of your contacts talk with them");
  });
});

describe("matchFieldLabel", () => {
  it("names the fields the server reports, and any other as the profile", () => {
    expect(matchFieldLabel(tJa, "skills")).toBe("スキル");
    expect(matchFieldLabel(tJa, "department")).toBe("部署");
    expect(matchFieldLabel(tEn, "career")).toBe("Career");
    expect(matchFieldLabel(tJa, "somethingNew")).toBe("プロフィール");
  });
});

describe("directory state in the URL", () => {
  it("survives the query string, writing only what differs from the defaults", () => {
    const state = {
      ...emptyDirectoryState,
      q: "やまだ 営業",
      role: "alumni" as const,
      joinFrom: 2010,
      joinTo: 2015,
      leaveTo: 2020,
      department: "営業本部",
      industry: "it",
      location: "JP-13",
      openTo: ["side_job", "mentoring"],
      supporter: true,
      sort: "leaveYear" as const,
    };
    const params = writeDirectoryState(state);
    expect(readDirectoryState(new URLSearchParams(params.toString()))).toEqual(state);
    expect(writeDirectoryState(emptyDirectoryState).toString()).toBe("");
    expect(countFilters(state)).toBe(9);
  });

  it("drops what the API would refuse instead of failing the page", () => {
    const state = readDirectoryState(
      new URLSearchParams(
        "role=boss&joinFrom=12&joinTo=2200&industry=mining&location=XX&openTo=comeback,nope,comeback&sort=age&supporter=yes",
      ),
    );
    expect(state).toEqual({ ...emptyDirectoryState, openTo: ["comeback"] });
    // Full-width digits typed with an IME are years too.
    expect(readDirectoryState(new URLSearchParams("joinFrom=２０１２")).joinFrom).toBe(2012);
  });

  it("asks the API with a query its contract accepts", () => {
    const query = toDirectoryQuery({
      ...emptyDirectoryState,
      q: " 人事 ",
      openTo: ["comeback", "mentoring"],
      supporter: true,
      joinFrom: 2012,
    });
    expect(query).toEqual({ q: "人事", sort: "name", openTo: "comeback,mentoring", supporter: "true", joinFrom: 2012 });
    const parsed = listDirectory.query!.parse(query);
    expect(parsed.openTo).toEqual(["comeback", "mentoring"]);
    expect(parsed.supporter).toBe(true);
  });
});
