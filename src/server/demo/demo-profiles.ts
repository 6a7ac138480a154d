// Demo profiles: what the directory, search and "people you may know" show in the demo. The
// named demo accounts get a profile, and さくら電機 gets a few more alumni of several generations
// and departments, so that search, filters and suggestions have something to find.
import type { MemberRole } from "../../shared/limits.ts";
import type { Industry, OpenToFlag } from "../../shared/people.ts";

export interface DemoProfile {
  reading: string;
  headline?: string;
  company?: string;
  position?: string;
  industry?: Industry;
  location?: string;
  skills?: string[];
  interests?: string[];
  career?: { company: string; role: string; fromYear: number | null; toYear: number | null }[];
  /** At the company: departments held, with years. */
  departments?: { department: string; position?: string; fromYear: number; toYear: number | null }[];
  openTo?: OpenToFlag[];
  visibility?: Record<string, string>;
}

export const demoProfiles: Record<string, DemoProfile> = {
  "admin@sakura.example.com": {
    reading: "さとう はなこ",
    headline: "アルムナイネットワーク事務局です。お気軽にご連絡ください",
    company: "さくら電機株式会社",
    position: "人事部 アルムナイ担当",
    industry: "manufacturing",
    location: "JP-13",
    skills: ["人事", "採用", "コミュニティ運営"],
  },
  "employee@sakura.example.com": {
    reading: "すずき いちろう",
    headline: "採用と組織づくりを担当しています",
    company: "さくら電機株式会社",
    position: "人事部 採用課",
    industry: "manufacturing",
    location: "JP-13",
    skills: ["採用", "人事", "面接"],
    interests: ["登山", "写真"],
    departments: [{ department: "人事部", position: "採用担当", fromYear: 2012, toYear: null }],
  },
  "alumni@sakura.example.com": {
    reading: "たかはし けん",
    headline: "SaaSのプロダクトマネージャー。元さくら電機 開発部",
    company: "株式会社ミライソフト",
    position: "プロダクトマネージャー",
    industry: "it",
    location: "JP-14",
    skills: ["プロダクトマネジメント", "組込みソフトウェア", "AWS"],
    interests: ["ランニング", "コーヒー"],
    career: [
      { company: "さくら電機株式会社", role: "ソフトウェアエンジニア", fromYear: 2008, toYear: 2019 },
      { company: "株式会社ミライソフト", role: "プロダクトマネージャー", fromYear: 2019, toYear: null },
    ],
    departments: [
      { department: "開発部", position: "エンジニア", fromYear: 2008, toYear: 2015 },
      { department: "開発部", position: "チームリーダー", fromYear: 2015, toYear: 2019 },
    ],
    openTo: ["side_job", "collaboration", "casual_chat"],
  },
  "jane@example.com": {
    reading: "じぇーん すみす",
    headline: "Global sales at a logistics start-up",
    company: "Bluewave Logistics",
    position: "Head of Sales APAC",
    industry: "logistics",
    location: "SG",
    skills: ["海外営業", "English", "交渉"],
    departments: [{ department: "海外営業部", fromYear: 2015, toYear: 2021 }],
    openTo: ["comeback", "recruiting_talk"],
  },
  "misaki@example.com": {
    reading: "たなか みさき",
    headline: "マーケティングとブランドづくり",
    company: "フリーランス",
    position: "マーケター",
    industry: "media",
    location: "JP-27",
    skills: ["マーケティング", "データ分析", "広報"],
    interests: ["キャンプ"],
    departments: [{ department: "マーケティング部", fromYear: 2010, toYear: 2016 }],
    openTo: ["side_job", "mentoring"],
    visibility: { company: "alumni" },
  },
  "alumni@minato.example.com": { reading: "わたなべ さくら", company: "みなとコンサルティング", industry: "consulting" },
  "admin@minato.example.com": { reading: "いとう なおき" },
};

/** More さくら電機 alumni, so the demo directory has generations and departments to explore. */
export const demoDirectoryPeople: {
  email: string;
  name: string;
  role: MemberRole;
  hr: { joinYear: number; leaveYear: number | null; department: string };
  profile: DemoProfile;
}[] = [
  {
    email: "yamada.taro@example.com",
    name: "山田 太郎",
    role: "alumni",
    hr: { joinYear: 2007, leaveYear: 2017, department: "開発部" },
    profile: {
      reading: "やまだ たろう",
      headline: "組込みからクラウドへ。技術顧問をしています",
      company: "合同会社ヤマダテック",
      position: "代表",
      industry: "startup",
      location: "JP-13",
      skills: ["組込みソフトウェア", "Go", "AWS"],
      departments: [{ department: "開発部", fromYear: 2007, toYear: 2017 }],
      openTo: ["side_job", "collaboration", "mentoring"],
    },
  },
  {
    email: "kimura.aya@example.com",
    name: "木村 彩",
    role: "alumni",
    hr: { joinYear: 2009, leaveYear: 2018, department: "開発部" },
    profile: {
      reading: "きむら あや",
      headline: "データ基盤とMLOps",
      company: "株式会社データフォレスト",
      position: "データエンジニア",
      industry: "it",
      location: "JP-26",
      skills: ["データ分析", "Python", "AWS"],
      interests: ["ランニング"],
      departments: [{ department: "開発部", fromYear: 2009, toYear: 2018 }],
      openTo: ["comeback", "casual_chat"],
    },
  },
  {
    email: "inoue.tsubasa@example.com",
    name: "井上 翼",
    role: "alumni",
    hr: { joinYear: 2008, leaveYear: 2014, department: "営業本部" },
    profile: {
      reading: "いのうえ つばさ",
      headline: "地方企業のDXを支援しています",
      company: "京都ビジネスパートナーズ",
      position: "コンサルタント",
      industry: "consulting",
      location: "JP-26",
      skills: ["営業", "DX", "業務改善"],
      departments: [{ department: "営業本部", fromYear: 2008, toYear: 2014 }],
      openTo: ["collaboration", "recruiting_talk"],
    },
  },
  {
    email: "matsumoto.megumi@example.com",
    name: "松本 恵",
    role: "alumni",
    hr: { joinYear: 2012, leaveYear: 2020, department: "人事部" },
    profile: {
      reading: "まつもと めぐみ",
      headline: "人事コンサルタント。採用ブランディングが専門です",
      company: "株式会社ピープルワークス",
      position: "シニアコンサルタント",
      industry: "staffing",
      location: "JP-13",
      skills: ["人事", "採用", "組織開発"],
      interests: ["写真", "旅行"],
      departments: [{ department: "人事部", fromYear: 2012, toYear: 2020 }],
      openTo: ["side_job", "recruiting_talk", "mentoring"],
    },
  },
  {
    email: "hayashi.kenta@example.com",
    name: "林 健太",
    role: "alumni",
    hr: { joinYear: 2012, leaveYear: 2016, department: "営業本部" },
    profile: {
      reading: "はやし けんた",
      headline: "SaaSの営業責任者",
      company: "株式会社クラウドリンク",
      position: "営業部長",
      industry: "it",
      location: "JP-40",
      skills: ["営業", "SaaS", "マネジメント"],
      departments: [{ department: "営業本部", fromYear: 2012, toYear: 2016 }],
      openTo: ["comeback"],
      visibility: { company: "alumni", position: "alumni" },
    },
  },
  {
    email: "shimizu.sho@example.com",
    name: "清水 翔",
    role: "alumni",
    hr: { joinYear: 2015, leaveYear: 2022, department: "経営企画部" },
    profile: {
      reading: "しみず しょう",
      headline: "市場分析と事業計画",
      company: "みらい証券",
      position: "アナリスト",
      industry: "finance",
      location: "JP-13",
      skills: ["財務分析", "事業計画", "Excel"],
      departments: [{ department: "経営企画部", fromYear: 2015, toYear: 2022 }],
      openTo: ["casual_chat"],
    },
  },
  {
    email: "ogawa.yui@example.com",
    name: "小川 結衣",
    role: "employee",
    hr: { joinYear: 2013, leaveYear: null, department: "営業本部" },
    profile: {
      reading: "おがわ ゆい",
      headline: "法人営業を担当しています",
      company: "さくら電機株式会社",
      position: "営業本部 課長",
      industry: "manufacturing",
      location: "JP-27",
      skills: ["営業", "提案書作成"],
      departments: [{ department: "営業本部", position: "課長", fromYear: 2013, toYear: null }],
    },
  },
  {
    email: "nakamura.ryo@example.com",
    name: "中村 亮",
    role: "alumni",
    hr: { joinYear: 1998, leaveYear: 2012, department: "開発部" },
    profile: {
      reading: "なかむら りょう",
      headline: "大学で組込みシステムを教えています",
      company: "東都工科大学",
      position: "教授",
      industry: "education",
      location: "JP-13",
      skills: ["組込みソフトウェア", "研究開発"],
      departments: [{ department: "開発部", position: "主任研究員", fromYear: 1998, toYear: 2012 }],
      openTo: ["recruiting_talk", "mentoring"],
    },
  },
];
