// The one Mantine theme: 藍 (indigo) primary, Japanese-first type, and colour choices that keep
// every text/background pair at WCAG AA contrast (axe checks this on every page).
import { DEFAULT_THEME, createTheme } from "@mantine/core";
import type { CSSVariablesResolver, MantineColorsTuple } from "@mantine/core";

// 藍色: calm, trustworthy, and dark enough at shade 7 for white text (6.4:1).
const ai: MantineColorsTuple = [
  "#edf2fa",
  "#dce5f4",
  "#b7cae8",
  "#8fadd9",
  "#6d93cc",
  "#5583c4",
  "#4572b5",
  "#345f9f",
  "#2c4f86",
  "#223f6c",
];

/** Default palette with its darkest shades deepened: Mantine puts shade 9 text on shade 1 ("light" variant). */
function deepen(name: "red" | "green" | "orange" | "teal", shades: Partial<Record<6 | 7 | 8 | 9, string>>): MantineColorsTuple {
  const base = [...DEFAULT_THEME.colors[name]];
  for (const [index, value] of Object.entries(shades)) base[Number(index)] = value;
  return base as unknown as MantineColorsTuple;
}

const fontFamily = [
  '"Noto Sans JP"',
  '"Noto Sans CJK JP"',
  '"Hiragino Kaku Gothic ProN"',
  '"Hiragino Sans"',
  '"BIZ UDPGothic"',
  "Meiryo",
  "system-ui",
  "-apple-system",
  '"Segoe UI"',
  "Roboto",
  '"Helvetica Neue"',
  "Arial",
  "sans-serif",
].join(", ");

export const theme = createTheme({
  primaryColor: "ai",
  primaryShade: { light: 7, dark: 5 },
  colors: {
    ai,
    red: deepen("red", { 6: "#e03131", 7: "#c92a2a", 8: "#b02525", 9: "#a51d1d" }),
    green: deepen("green", { 7: "#2b8a3e", 8: "#237a36", 9: "#1f6f33" }),
    orange: deepen("orange", { 7: "#c2470e", 8: "#b0400d", 9: "#a63c0c" }),
    // Teal badges ("open to" flags): Mantine's shade 9 on shade 1 is 4.3:1.
    teal: deepen("teal", { 9: "#076b4d" }),
  },
  fontFamily,
  fontFamilyMonospace: '"Noto Sans Mono CJK JP", ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
  headings: {
    fontFamily,
    fontWeight: "700",
    textWrap: "pretty",
    sizes: {
      h1: { fontSize: "1.75rem", lineHeight: "1.4" },
      h2: { fontSize: "1.375rem", lineHeight: "1.45" },
      h3: { fontSize: "1.125rem", lineHeight: "1.5" },
      h4: { fontSize: "1rem", lineHeight: "1.5" },
    },
  },
  // Japanese needs more leading than Latin text to stay readable.
  lineHeights: { xs: "1.5", sm: "1.6", md: "1.7", lg: "1.75", xl: "1.8" },
  defaultRadius: "md",
  radius: { xs: "4px", sm: "6px", md: "10px", lg: "14px", xl: "20px" },
  cursorType: "pointer",
  focusRing: "auto",
  respectReducedMotion: true,
  shadows: {
    xs: "0 1px 2px rgba(23, 37, 64, 0.06)",
    sm: "0 1px 3px rgba(23, 37, 64, 0.08), 0 1px 2px rgba(23, 37, 64, 0.05)",
    md: "0 4px 12px rgba(23, 37, 64, 0.08), 0 2px 4px rgba(23, 37, 64, 0.05)",
  },
  components: {
    Button: { defaultProps: { radius: "md" } },
    Paper: { defaultProps: { radius: "lg" } },
    Card: { defaultProps: { radius: "lg" } },
    Badge: { defaultProps: { variant: "light", radius: "sm" }, styles: { label: { textTransform: "none", letterSpacing: "0.02em" } } },
    TextInput: { defaultProps: { size: "md" } },
    PasswordInput: { defaultProps: { size: "md" } },
    Textarea: { defaultProps: { size: "md", autosize: true, minRows: 3, maxRows: 14 } },
    // Dropdowns stay inside the page's landmarks (axe "region") instead of a portal at the end of <body>.
    Select: { defaultProps: { size: "md", allowDeselect: false, comboboxProps: { withinPortal: false } } },
    Modal: {
      defaultProps: { radius: "lg", centered: true },
      styles: { title: { fontWeight: 700, fontSize: "var(--mantine-font-size-lg)" } },
    },
    // A modal's header is not the page's banner landmark.
    ModalHeader: { defaultProps: { component: "div" } },
    Tooltip: { defaultProps: { withArrow: true } },
    // Mantine's focus placeholder is a role="presentation" child with tabindex, which ARIA menus may not contain.
    Menu: { defaultProps: { withInitialFocusPlaceholder: false, withinPortal: false } },
  },
});

/** Darker greys and error red than Mantine's defaults so dimmed text and errors pass AA. */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    "--mantine-color-dimmed": "#5c636a",
    "--mantine-color-error": "var(--mantine-color-red-8)",
    "--mantine-color-placeholder": "var(--mantine-color-gray-6)",
    "--mantine-color-body": "#ffffff",
    "--tsunagu-surface": "#f5f7fb",
  },
  dark: {},
});
