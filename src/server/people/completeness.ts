// How complete a profile is, and the most useful field still empty. The order is what helps
// others find and recognise the person first: a face and the reading of the name, then what they
// do now, then the rest (issue 5: "completeness meter with the next most useful field").

interface GlobalFields {
  avatar: boolean;
  nameReading: string;
  headline: string;
  company: string;
  position: string;
  industry: string | null;
  location: string | null;
  career: unknown[];
  skills: string[];
  interests: string[];
  links: unknown[];
  languages: string[];
}

const globalOrder: [keyof GlobalFields, number][] = [
  ["avatar", 15],
  ["nameReading", 15],
  ["company", 12],
  ["position", 8],
  ["headline", 10],
  ["skills", 10],
  ["industry", 6],
  ["location", 6],
  ["career", 8],
  ["interests", 5],
  ["languages", 3],
  ["links", 2],
];

interface MemberFields {
  joinYear: number | null;
  leaveYear: number | null;
  departments: unknown[];
  employmentType: string | null;
  openTo: string[];
}

function filled(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === "string") return value.trim() !== "";
  if (typeof value === "boolean") return value;
  return value !== null && value !== undefined;
}

function score<K extends string>(order: [K, number][], isFilled: (key: K) => boolean) {
  const total = order.reduce((sum, [, weight]) => sum + weight, 0);
  const got = order.reduce((sum, [key, weight]) => sum + (isFilled(key) ? weight : 0), 0);
  return { percent: Math.round((got / total) * 100), next: order.find(([key]) => !isFilled(key))?.[0] ?? null };
}

export function profileCompleteness(p: GlobalFields) {
  return score(globalOrder, (key) => filled(p[key]));
}

/** At the company, a value from the admins' import counts as filled: it is shown until the member corrects it. */
export function memberCompleteness(
  own: MemberFields,
  imported: { joinYear: number | null; leaveYear: number | null; department: string | null },
) {
  const order: [keyof MemberFields, number][] = [
    ["joinYear", 30],
    ["departments", 30],
    ["openTo", 25],
    ["employmentType", 15],
  ];
  return score(order, (key) => {
    if (key === "joinYear") return own.joinYear !== null || imported.joinYear !== null;
    if (key === "departments") return own.departments.length > 0 || imported.department !== null;
    return filled(own[key]);
  });
}
