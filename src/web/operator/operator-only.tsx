// Operator pages render only for the operator; anyone else sees "not found", as the server would say.
import type { ReactNode } from "react";
import { useMe } from "../platform/hooks/use-me.ts";
import { NotFoundState } from "../platform/ui/page-states.tsx";

export function OperatorOnly({ children }: { children: ReactNode }) {
  const { account } = useMe();
  return account.isOperator ? children : <NotFoundState />;
}
