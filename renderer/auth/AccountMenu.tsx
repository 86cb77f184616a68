import { Button, Group, Menu, Text } from '@mantine/core';
import { useNavigate } from 'react-router';
import { useMyMembership } from '../data/coaches';
import { signOut } from '../session/signOut';
import { useSession } from '../session/store';
import { UserIcon } from '../ui/icons';

export function AccountMenu() {
  const user = useSession((s) => s.user);
  const membership = useMyMembership(user?.id);
  const navigate = useNavigate();
  const name = user ? `${user.first_name} ${user.last_name}`.trim() || user.email : 'Account';
  return (
    <Menu position="bottom-end" width={240} withArrow>
      <Menu.Target>
        <Button variant="default" aria-label={`Account: ${name}`} px="sm">
          <Group gap={8} wrap="nowrap">
            <UserIcon />
            <Text span size="sm" visibleFrom="lg" maw={160} truncate="end">
              {name}
            </Text>
          </Group>
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>
          {user?.email}
          {membership ? ` · ${membership.role === 'head_coach' ? 'Head coach' : 'Coach'}` : ''}
        </Menu.Label>
        <Menu.Item onClick={() => void navigate('/settings')}>Settings</Menu.Item>
        <Menu.Divider />
        <Menu.Item
          onClick={() => {
            void signOut({ tellServer: true }).then(() => navigate('/signin'));
          }}
        >
          Sign out
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
