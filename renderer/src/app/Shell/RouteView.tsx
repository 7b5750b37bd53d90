import { lazy, Suspense } from 'react';
import { PageLoader } from '../../components/PageLoader/PageLoader.tsx';
import { ClientList } from '../../features/clients/ClientList/ClientList.tsx';
import { NotFoundPage } from '../../features/placeholders/NotFoundPage/NotFoundPage.tsx';
import type { Route } from '../route.ts';

// The client list, the first page after unlock, is in the main bundle. Every other page is its own
// chunk (charts, the rule editor, reports, photos), fetched when first opened or ahead in idle time
// (prefetchPages), so the unlock screen and the list parse far less JavaScript.
const loadClientPage = () => import('../../features/clients/ClientPage/ClientPage.tsx');
const loadPhotosPage = () => import('../../features/photos/PhotosPage/PhotosPage.tsx');
const loadFoodsPage = () => import('../../features/foods/FoodsPage/FoodsPage.tsx');
const loadRulesPage = () => import('../../features/rules/RulesPage/RulesPage.tsx');
const loadReportsPage = () => import('../../features/reports/ReportsPage/ReportsPage.tsx');
const loadSettingsPage = () => import('../../features/settings/SettingsPage/SettingsPage.tsx');

const ClientPage = lazy(() => loadClientPage().then((m) => ({ default: m.ClientPage })));
const PhotosPage = lazy(() => loadPhotosPage().then((m) => ({ default: m.PhotosPage })));
const FoodsPage = lazy(() => loadFoodsPage().then((m) => ({ default: m.FoodsPage })));
const RulesPage = lazy(() => loadRulesPage().then((m) => ({ default: m.RulesPage })));
const ReportsPage = lazy(() => loadReportsPage().then((m) => ({ default: m.ReportsPage })));
const SettingsPage = lazy(() => loadSettingsPage().then((m) => ({ default: m.SettingsPage })));

/** Fetches the other pages' chunks ahead (the client page first), so opening one does not wait. */
export function prefetchPages(): void {
  void loadClientPage()
    .then(() =>
      Promise.all([loadPhotosPage(), loadFoodsPage(), loadRulesPage(), loadReportsPage(), loadSettingsPage()]),
    )
    .catch(() => undefined); // a failed fetch is retried, and reported, when the page is opened
}

function page(route: Route): React.JSX.Element {
  switch (route.name) {
    case 'clients':
      return <ClientList />;
    case 'client':
      return <ClientPage key={route.id} id={route.id} />;
    case 'client-photos':
      return <PhotosPage key={route.id} clientId={route.id} />;
    case 'foods':
      return <FoodsPage />;
    case 'rules':
      return <RulesPage />;
    case 'reports':
      return <ReportsPage key={route.clientId ?? ''} clientId={route.clientId} />;
    case 'settings':
      return <SettingsPage />;
    case 'not-found':
      return <NotFoundPage path={route.path} />;
  }
}

/** The page for a route. */
export function RouteView({ route }: { route: Route }): React.JSX.Element {
  return <Suspense fallback={<PageLoader />}>{page(route)}</Suspense>;
}
