import { ActionIcon, Group, Kbd, Modal, SimpleGrid, Stack, Text, Title, Tooltip } from '@mantine/core';
import { IconKeyboard } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { isShortcutPress } from '../components/keyboard';

const GROUPS: { title: string; keys: [string[], string][] }[] = [
  {
    title: 'Collections queue',
    keys: [
      [['J'], 'Next row'],
      [['K'], 'Previous row'],
      [['Enter'], 'Open the case'],
      [['X'], 'Select the row (supervisors)'],
      [['/'], 'Search'],
      [['N'], 'Next account: my highest-priority case'],
    ],
  },
  {
    title: 'Case',
    keys: [
      [['L'], 'Log an activity'],
      [['P'], 'Record a promise to pay'],
      [['S'], 'Send a message'],
      [['J'], 'Next case in the queue'],
      [['K'], 'Previous case in the queue'],
      [['Esc'], 'Back to the queue'],
    ],
  },
  { title: 'Anywhere', keys: [[['?'], 'This list of shortcuts']] },
];

/** The keyboard shortcuts, listed: opened with ? anywhere (outside a text field) or the keyboard button. */
export function ShortcutsHelp() {
  const [open, setOpen] = useState(false);
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== '?' || !isShortcutPress(event)) return;
      event.preventDefault();
      setOpen(true);
    };
    window.addEventListener('keydown', onKeyDown);
    // Help, Keyboard shortcuts in the application menu.
    const offMenu = window.api.on('app.navigate', ({ view }) => view === 'shortcuts' && setOpen(true));
    return () => {
      window.removeEventListener('keydown', onKeyDown);
      offMenu();
    };
  }, []);
  return (
    <>
      <Tooltip label={<>Keyboard shortcuts <Kbd size="xs">?</Kbd></>}>
        <ActionIcon variant="default" size="lg" aria-label="Keyboard shortcuts" onClick={() => setOpen(true)}><IconKeyboard size={18} /></ActionIcon>
      </Tooltip>
      <Modal opened={open} onClose={() => setOpen(false)} title={<Title order={4}>Keyboard shortcuts</Title>} size="lg" centered>
        <SimpleGrid cols={2} spacing="xl">
          {GROUPS.map((group) => (
            <Stack key={group.title} gap={6}>
              <Text fw={700} size="sm" c="dimmed" tt="uppercase">{group.title}</Text>
              {group.keys.map(([keys, what]) => (
                <Group key={`${group.title}-${what}`} justify="space-between" wrap="nowrap">
                  <Text size="sm">{what}</Text>
                  <Group gap={4}>{keys.map((key) => <Kbd key={key}>{key}</Kbd>)}</Group>
                </Group>
              ))}
            </Stack>
          ))}
        </SimpleGrid>
      </Modal>
    </>
  );
}
