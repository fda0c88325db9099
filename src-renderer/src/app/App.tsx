import { Center, Loader, MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClient, QueryClientProvider, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { call } from '../api/client';
import { SignInScreen } from '../screens/sign-in/SignInScreen';
import { AppLayout } from './AppLayout';
import { SessionContext } from './session-context';
import { theme } from './theme';

const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false } } });

function SessionGate() {
  const client = useQueryClient();
  const session = useQuery({ queryKey: ['session'], queryFn: () => call('session.current', {}) });
  const state = useMemo(
    () =>
      session.data
        ? {
            user: session.data,
            signOut: () => {
              void call('session.signOut', {}).then(() => {
                client.clear();
                client.setQueryData(['session'], null);
              });
            },
          }
        : null,
    [session.data, client],
  );
  if (session.isPending) {
    return (
      <Center h="100vh">
        <Loader aria-label="Loading" />
      </Center>
    );
  }
  if (!state) return <SignInScreen onSignedIn={(user) => client.setQueryData(['session'], user)} />;
  return (
    <SessionContext.Provider value={state}>
      <AppLayout />
    </SessionContext.Provider>
  );
}

export function App() {
  return (
    <MantineProvider theme={theme} defaultColorScheme="light">
      <Notifications position="top-right" />
      <QueryClientProvider client={queryClient}>
        <SessionGate />
      </QueryClientProvider>
    </MantineProvider>
  );
}
