// Sets document.title to "<page> | つなぐ" so tabs, history and screen readers name the page.
import { useEffect } from "react";
import { useT } from "../i18n/i18n.context.tsx";

export function usePageTitle(title: string | null | undefined): void {
  const t = useT();
  useEffect(() => {
    const product = t("app.name");
    document.title = title ? `${title} | ${product}` : product;
  }, [title, t]);
}
