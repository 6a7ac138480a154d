// One suggestion of "people you may know": the person's card, each reason as a sentence
// (「2012〜2015年に同じ営業本部」), and the two things to do next — send a message (the member's own
// "who may message me" decides; a refusal is shown as the server words it) or view the profile.
import { Button, Group, List, Text } from "@mantine/core";
import { IconMessageCircle, IconUser } from "@tabler/icons-react";
import { Link } from "react-router";
import type { MyNetwork } from "../../shared/contract/accounts.ts";
import type { PersonCard, SuggestionReason } from "../../shared/contract/people.ts";
import { useT } from "../platform/i18n/i18n.context.tsx";
import { useMessageMember } from "../messages/use-message-member.ts";
import { PersonCardView, profilePath } from "./directory-card.tsx";
import { reasonText } from "./directory-format.ts";

function MessageButton({ network, person }: { network: MyNetwork; person: PersonCard }) {
  const t = useT();
  const open = useMessageMember(network);
  return (
    <Button
      size="xs"
      variant="light"
      leftSection={<IconMessageCircle size={14} aria-hidden />}
      loading={open.isPending}
      onClick={() => open.mutate(person.memberId)}
      aria-label={t("suggestions.messageTo", { name: person.displayName })}
    >
      {t("suggestions.message")}
    </Button>
  );
}

export function SuggestionCard({ network, person, reasons }: { network: MyNetwork; person: PersonCard; reasons: SuggestionReason[] }) {
  const t = useT();
  return (
    <PersonCardView slug={network.slug} person={person}>
      {reasons.length > 0 && (
        <List size="sm" spacing={2} aria-label={t("suggestions.reasonsLabel", { name: person.displayName })} style={{ flex: 1 }}>
          {reasons.map((reason, i) => (
            <List.Item key={i}>
              <Text size="sm" span>
                {reasonText(t, reason)}
              </Text>
            </List.Item>
          ))}
        </List>
      )}
      <Group gap="xs" mt="auto">
        <MessageButton network={network} person={person} />
        <Button
          size="xs"
          variant="default"
          component={Link}
          to={profilePath(network.slug, person.memberId)}
          leftSection={<IconUser size={14} aria-hidden />}
          aria-label={t("suggestions.viewProfileOf", { name: person.displayName })}
        >
          {t("suggestions.viewProfile")}
        </Button>
      </Group>
    </PersonCardView>
  );
}
