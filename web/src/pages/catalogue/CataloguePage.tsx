import { Alert, Card, Tabs } from 'antd';
import { useAuth } from '../../auth';
import { useT } from '../../i18n';
import { Guard } from '../../components/common';
import { CalendarTab } from './CalendarTab';
import { CategoriesTab } from './CategoriesTab';
import { DeadlineRulesTab } from './DeadlineRulesTab';
import { RoutingRulesTab } from './RoutingRulesTab';

function CatalogueInner() {
  const t = useT();
  const { can } = useAuth();
  const writable = can('catalog.write');
  return (
    <Card title={t('catalogue.title')} data-testid="catalogue">
      {!writable ? <Alert type="info" showIcon title={t('catalogue.readOnly')} style={{ marginBottom: 12 }} /> : null}
      <Tabs
        destroyOnHidden
        items={[
          { key: 'categories', label: t('catalogue.categories'), children: <CategoriesTab writable={writable} /> },
          { key: 'routing', label: t('catalogue.routing'), children: <RoutingRulesTab writable={writable} /> },
          { key: 'deadlines', label: t('catalogue.deadlines'), children: <DeadlineRulesTab writable={writable} /> },
          { key: 'calendar', label: t('catalogue.calendar'), children: <CalendarTab writable={writable} /> },
        ]}
      />
    </Card>
  );
}

export default function CataloguePage() {
  return (
    <Guard need="catalog.read">
      <CatalogueInner />
    </Guard>
  );
}
