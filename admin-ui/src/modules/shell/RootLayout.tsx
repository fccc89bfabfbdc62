import { Box, Center, Loader } from '@mantine/core';
import { Outlet, useNavigation } from 'react-router';

/** A thin bar across the top while a lazily loaded page is on its way. */
function NavigationProgress() {
  const navigation = useNavigation();
  if (navigation.state === 'idle') return null;
  return <Box className="app-navigation-progress" aria-hidden />;
}

/** The root route: the navigation bar over whatever matched. */
export function RootLayout() {
  return (
    <>
      <NavigationProgress />
      <Outlet />
    </>
  );
}

/** Shown while the first page's code loads. */
export function FirstLoad() {
  return (
    <Center h="100vh">
      <Loader type="dots" />
    </Center>
  );
}
