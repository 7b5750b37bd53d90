import { ClientList } from '../../features/clients/ClientList/ClientList.tsx';
import { ClientPage } from '../../features/clients/ClientPage/ClientPage.tsx';
import { FoodsPage } from '../../features/foods/FoodsPage/FoodsPage.tsx';
import { PhotosPage } from '../../features/photos/PhotosPage/PhotosPage.tsx';
import { NotFoundPage } from '../../features/placeholders/NotFoundPage/NotFoundPage.tsx';
import { ReportsPage } from '../../features/reports/ReportsPage/ReportsPage.tsx';
import { RulesPage } from '../../features/rules/RulesPage/RulesPage.tsx';
import { SettingsPage } from '../../features/settings/SettingsPage/SettingsPage.tsx';
import type { Route } from '../route.ts';

/** The page for a route. */
export function RouteView({ route }: { route: Route }): React.JSX.Element {
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
