// The frame of a dialog about one member of the management list (role, HR data, supporter,
// removal): open while there is a member, and a fresh form for each member, so nothing typed for
// one carries over to the next.
import { Modal } from "@mantine/core";
import { Fragment } from "react";
import type { ReactNode } from "react";
import type { ManagedMember } from "../../shared/contract/membership.ts";
import { useT } from "../platform/i18n/i18n.context.tsx";

export function MemberDialog({
  member,
  title,
  onClose,
  children,
}: {
  member: ManagedMember | null;
  title: (member: ManagedMember) => string;
  onClose: () => void;
  /** The form for the member (mounted afresh for each). */
  children: (member: ManagedMember) => ReactNode;
}) {
  const t = useT();
  return (
    <Modal
      opened={member !== null}
      onClose={onClose}
      title={member ? title(member) : ""}
      closeButtonProps={{ "aria-label": t("common.close") }}
    >
      {member && <Fragment key={member.id}>{children(member)}</Fragment>}
    </Modal>
  );
}
