// The outermost route: a thin progress bar while the next page's code or data loads, and scroll
// restoration between pages.
import { Outlet, ScrollRestoration, useNavigation } from "react-router";

export function RootLayout() {
  const navigation = useNavigation();
  return (
    <>
      {navigation.state !== "idle" && <div className="tsunagu-nav-progress" aria-hidden="true" />}
      <Outlet />
      <ScrollRestoration />
    </>
  );
}
