// Leaver CSV files as HR exports them: Japanese names with CP932-only kanji, deterministic content.
import iconv from "iconv-lite";

/** Text as Excel's "CSV (comma delimited)" saves it on Japanese Windows. */
export function encodeCp932(text: string): Buffer {
  return iconv.encode(text, "cp932");
}

// 髙 (0xFBFC) and 﨑 (0xFAB1) exist only in CP932's IBM extension, not in JIS X 0208.
const familyNames = ["髙橋", "山﨑", "佐藤", "鈴木", "田中", "伊藤", "渡辺", "山本", "中村", "小林", "加藤", "吉田"];
const givenNames = ["翔太", "陽子", "大輔", "美咲", "健一", "さくら", "拓也", "由美", "隆", "花子", "直樹", "恵"];
const departments = ["営業部", "開発部", "人事部", "経理部", "マーケティング部", "営業部, 東日本", "情報システム部", "広報室"];

const headers = {
  ja: ["氏名", "メールアドレス", "区分", "入社年", "退職年", "部署"],
  en: ["name", "email", "role", "join year", "leave year", "department"],
};

/** A small LCG (Numerical Recipes constants): the same file on every run. */
function seeded(seed: number): (below: number) => number {
  let state = seed >>> 0;
  return (below) => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    // The high bits: an LCG's low bits repeat with a short period.
    return Math.floor((state / 2 ** 32) * below);
  };
}

const quote = (cell: string) => (/[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell);

/**
 * `count` leavers, leaver1@example.com to leaver{count}@example.com, all valid up to 2024. Family names
 * cycle, so the first row is a 髙橋 and the second a 山﨑; names are written with an ideographic space.
 */
export function leaverCsv(count: number, options: { header?: "ja" | "en"; lineEnding?: "\r\n" | "\n" } = {}): string {
  const { header = "ja", lineEnding = "\r\n" } = options;
  const random = seeded(count);
  const lines = [headers[header].join(",")];
  for (let i = 1; i <= count; i++) {
    const joinYear = 1985 + random(30);
    const leaveYear = Math.min(2024, joinYear + 1 + random(15));
    const name = `${familyNames[(i - 1) % familyNames.length]}\u3000${givenNames[random(givenNames.length)]}`;
    const role = header === "ja" ? "退職者" : "alumni";
    const department = departments[random(departments.length)]!;
    lines.push([name, `leaver${i}@example.com`, role, String(joinYear), String(leaveYear), department].map(quote).join(","));
  }
  return lines.join(lineEnding) + lineEnding;
}
