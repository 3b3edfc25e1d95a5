import { Descriptions, Space, Tag } from 'antd';
import { Link } from 'react-router';
import dayjs from 'dayjs';
import { OrgUnit, type OrgUnit as OrgUnitT } from '@fengqiao/shared';
import { api } from '../../api/client';
import { useAuth } from '../../auth';
import { orgKindKey, useT } from '../../i18n';
import { DetailCard, RecordPage } from '../../components/record';
import { OrgUnitForm } from './OrgUnitForm';

function OrgUnitDetail({ u, reload }: { u: OrgUnitT; reload: () => void }) {
  const t = useT();
  const { can } = useAuth();
  return (
    <DetailCard
      title={<span data-testid="org-detail-name">{u.name}</span>}
      backTo="/org-units"
      canEdit={can('org.write')}
      editTestId="org-edit"
      editor={(p) => <OrgUnitForm {...p} unit={u} />}
      onSaved={reload}
    >
      <Descriptions column={{ xs: 1, md: 2 }} bordered size="small">
        <Descriptions.Item label={t('org.kind')}>{t(orgKindKey(u.kind))}</Descriptions.Item>
        <Descriptions.Item label={t('org.area')}>
          {can('area.read') ? <Link to={`/areas/${u.areaCode}`}>{u.areaName}</Link> : u.areaName} ({u.areaCode})
        </Descriptions.Item>
        <Descriptions.Item label={t('org.parent')}>{u.parentId ? <Link to={`/org-units/${u.parentId}`}>{u.parentName ?? u.parentId}</Link> : t('common.none')}</Descriptions.Item>
        <Descriptions.Item label={t('org.phone')}>{u.phone ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('org.categories')} span={2}>
          <Space size={4} wrap>
            {u.categories.map((c) => (
              <Tag key={c}>{c}</Tag>
            ))}
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label={t('org.createdAt')}>{dayjs(u.createdAt).format('YYYY-MM-DD HH:mm')}</Descriptions.Item>
      </Descriptions>
    </DetailCard>
  );
}

export default function OrgUnitDetailPage() {
  return (
    <RecordPage need="org.read" load={(id, signal) => api(`/api/org-units/${encodeURIComponent(id)}`, { schema: OrgUnit, signal })}>
      {(u, reload) => <OrgUnitDetail u={u} reload={reload} />}
    </RecordPage>
  );
}
