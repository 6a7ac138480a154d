// The vocabulary of profiles (プロフィール), shared by the server's schemas and the web's forms:
// fixed lists with Japanese and English labels, who may see a field, and the limits of each field.
// Stored values are the codes; changing a label changes no data, removing a code hides old values.

/** Who may see a field: every member of the network, alumni only, the admins (事務局), only me. */
export const visibilities = ["members", "alumni", "admins", "self"] as const;
export type Visibility = (typeof visibilities)[number];

/**
 * The lowest viewer level that sees a field of this visibility. A viewer's level: employee 1,
 * alumni (supporters included) 2, admin 3, the person themself 4. Alumni-only fields are hidden
 * from current employees, and the admins see them.
 */
export const visibilityLevel: Record<Visibility, 1 | 2 | 3 | 4> = { members: 1, alumni: 2, admins: 3, self: 4 };

/** Fields of the global profile whose visibility the person chooses (name, reading and avatar are always shown). */
export const profileFields = [
  "headline",
  "company",
  "position",
  "industry",
  "location",
  "career",
  "skills",
  "interests",
  "links",
  "languages",
] as const;
export type ProfileField = (typeof profileFields)[number];

/** Fields of the profile at one company whose visibility the person chooses. */
export const memberProfileFields = ["years", "departments", "employmentType", "openTo"] as const;
export type MemberProfileField = (typeof memberProfileFields)[number];

/** What a member is open to (オープンな関わり方), in the order shown. */
export const openToFlags = {
  comeback: { ja: "カムバック", en: "Comeback" },
  side_job: { ja: "副業・業務委託", en: "Side job / outsourcing" },
  collaboration: { ja: "協業", en: "Business collaboration" },
  recruiting_talk: { ja: "採用イベント登壇", en: "Speaking at recruiting events" },
  mentoring: { ja: "メンタリング", en: "Mentoring" },
  casual_chat: { ja: "カジュアル面談", en: "Casual career chat" },
} as const;
export type OpenToFlag = keyof typeof openToFlags;
export const openToCodes = Object.keys(openToFlags) as OpenToFlag[];

export const employmentTypes = {
  full_time: { ja: "正社員", en: "Full-time" },
  contract: { ja: "契約社員", en: "Contract" },
  part_time: { ja: "パート・アルバイト", en: "Part-time" },
  dispatched: { ja: "派遣社員", en: "Temporary (dispatched)" },
  intern: { ja: "インターン", en: "Intern" },
  executive: { ja: "役員", en: "Executive" },
  other: { ja: "その他", en: "Other" },
} as const;
export type EmploymentType = keyof typeof employmentTypes;
export const employmentTypeCodes = Object.keys(employmentTypes) as EmploymentType[];

/** Industries, after the broad groups of the Japan Standard Industrial Classification. */
export const industries = {
  it: { ja: "IT・通信", en: "IT & telecommunications" },
  manufacturing: { ja: "製造・メーカー", en: "Manufacturing" },
  finance: { ja: "金融・保険", en: "Finance & insurance" },
  consulting: { ja: "コンサルティング", en: "Consulting" },
  trading: { ja: "商社・卸売", en: "Trading & wholesale" },
  retail: { ja: "小売・流通", en: "Retail & distribution" },
  real_estate: { ja: "不動産・建設", en: "Real estate & construction" },
  media: { ja: "広告・メディア・出版", en: "Advertising, media & publishing" },
  healthcare: { ja: "医療・福祉", en: "Healthcare & welfare" },
  education: { ja: "教育・研究", en: "Education & research" },
  staffing: { ja: "人材サービス", en: "Staffing & HR services" },
  hospitality: { ja: "旅行・外食・サービス", en: "Travel, food & services" },
  logistics: { ja: "運輸・物流", en: "Transport & logistics" },
  energy: { ja: "エネルギー・インフラ", en: "Energy & infrastructure" },
  public: { ja: "官公庁・団体", en: "Government & non-profit" },
  startup: { ja: "スタートアップ・起業", en: "Startup / own business" },
  other: { ja: "その他", en: "Other" },
} as const;
export type Industry = keyof typeof industries;
export const industryCodes = Object.keys(industries) as Industry[];

/** The 47 prefectures (ISO 3166-2:JP codes), in the usual north-to-south order. */
export const prefectures: Record<string, { ja: string; en: string }> = {
  "JP-01": { ja: "北海道", en: "Hokkaido" },
  "JP-02": { ja: "青森県", en: "Aomori" },
  "JP-03": { ja: "岩手県", en: "Iwate" },
  "JP-04": { ja: "宮城県", en: "Miyagi" },
  "JP-05": { ja: "秋田県", en: "Akita" },
  "JP-06": { ja: "山形県", en: "Yamagata" },
  "JP-07": { ja: "福島県", en: "Fukushima" },
  "JP-08": { ja: "茨城県", en: "Ibaraki" },
  "JP-09": { ja: "栃木県", en: "Tochigi" },
  "JP-10": { ja: "群馬県", en: "Gunma" },
  "JP-11": { ja: "埼玉県", en: "Saitama" },
  "JP-12": { ja: "千葉県", en: "Chiba" },
  "JP-13": { ja: "東京都", en: "Tokyo" },
  "JP-14": { ja: "神奈川県", en: "Kanagawa" },
  "JP-15": { ja: "新潟県", en: "Niigata" },
  "JP-16": { ja: "富山県", en: "Toyama" },
  "JP-17": { ja: "石川県", en: "Ishikawa" },
  "JP-18": { ja: "福井県", en: "Fukui" },
  "JP-19": { ja: "山梨県", en: "Yamanashi" },
  "JP-20": { ja: "長野県", en: "Nagano" },
  "JP-21": { ja: "岐阜県", en: "Gifu" },
  "JP-22": { ja: "静岡県", en: "Shizuoka" },
  "JP-23": { ja: "愛知県", en: "Aichi" },
  "JP-24": { ja: "三重県", en: "Mie" },
  "JP-25": { ja: "滋賀県", en: "Shiga" },
  "JP-26": { ja: "京都府", en: "Kyoto" },
  "JP-27": { ja: "大阪府", en: "Osaka" },
  "JP-28": { ja: "兵庫県", en: "Hyogo" },
  "JP-29": { ja: "奈良県", en: "Nara" },
  "JP-30": { ja: "和歌山県", en: "Wakayama" },
  "JP-31": { ja: "鳥取県", en: "Tottori" },
  "JP-32": { ja: "島根県", en: "Shimane" },
  "JP-33": { ja: "岡山県", en: "Okayama" },
  "JP-34": { ja: "広島県", en: "Hiroshima" },
  "JP-35": { ja: "山口県", en: "Yamaguchi" },
  "JP-36": { ja: "徳島県", en: "Tokushima" },
  "JP-37": { ja: "香川県", en: "Kagawa" },
  "JP-38": { ja: "愛媛県", en: "Ehime" },
  "JP-39": { ja: "高知県", en: "Kochi" },
  "JP-40": { ja: "福岡県", en: "Fukuoka" },
  "JP-41": { ja: "佐賀県", en: "Saga" },
  "JP-42": { ja: "長崎県", en: "Nagasaki" },
  "JP-43": { ja: "熊本県", en: "Kumamoto" },
  "JP-44": { ja: "大分県", en: "Oita" },
  "JP-45": { ja: "宮崎県", en: "Miyazaki" },
  "JP-46": { ja: "鹿児島県", en: "Kagoshima" },
  "JP-47": { ja: "沖縄県", en: "Okinawa" },
};

/** Countries a member may live in besides Japan (ISO 3166-1 alpha-2); labels come from Intl.DisplayNames. */
export const countryCodes = [
  "US",
  "CN",
  "KR",
  "TW",
  "HK",
  "SG",
  "TH",
  "VN",
  "ID",
  "MY",
  "PH",
  "IN",
  "AU",
  "NZ",
  "GB",
  "DE",
  "FR",
  "NL",
  "CH",
  "SE",
  "FI",
  "DK",
  "NO",
  "IE",
  "ES",
  "IT",
  "CA",
  "MX",
  "BR",
  "AE",
  "IL",
  "ZA",
] as const;

/** A location code's label: a prefecture, or a country named in the given language. */
export function locationLabel(code: string, locale: "ja" | "en"): string {
  const prefecture = prefectures[code];
  if (prefecture) return prefecture[locale];
  try {
    return new Intl.DisplayNames([locale], { type: "region" }).of(code) ?? code;
  } catch {
    return code;
  }
}

export const isLocationCode = (code: string) => code in prefectures || (countryCodes as readonly string[]).includes(code);

/** Languages a member speaks: BCP 47 codes; labels from Intl.DisplayNames. */
export const languageCodes = ["ja", "en", "zh", "ko", "es", "fr", "de", "pt", "it", "ru", "vi", "th", "id", "hi", "ar"] as const;

export const profileLimits = {
  readingMax: 80,
  headlineMax: 120,
  companyMax: 100,
  positionMax: 100,
  careerMax: 30,
  careerTextMax: 100,
  tagsMax: 30,
  tagMax: 40,
  linksMax: 10,
  linkLabelMax: 40,
  urlMax: 500,
  departmentsMax: 20,
  departmentMax: 100,
  avatarBytesMax: 10 * 1024 * 1024,
  directoryPage: 24,
} as const;
