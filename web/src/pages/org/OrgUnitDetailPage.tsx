import { useState } from 'react';
import { Button, Card, Descriptions, Space, Tag } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router';
import dayjs from 'dayjs';
import { OrgUnit } from '@fengqiao/shared';
import { api } from '../../api/client';
import { useAuth } from '../../auth';
import { orgKindKey, useT } from '../../i18n';
import { AsyncGate, Guard, NotFound, useAsync } from '../../components/common';
import { OrgUnitForm } from './OrgUnitForm';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function Inner({ id }: { id: string }) {
  const t = useT();
  const { can } = useAuth();
  const [editing, setEditing] = useState(false);
  const state = useAsync((signal) => api(`/api/org-units/${encodeURIComponent(id)}`, { schema: OrgUnit, signal }), [id]);
  return (
    <AsyncGate state={state}>
      {(u) => (
        <Card
          title={<span data-testid="org-detail-name">{u.name}</span>}
          extra={
            <Space>
              <Link to="/org-units">{t('common.back')}</Link>
              {can('org.write') ? (
                <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="org-edit">
                  {t('common.edit')}
                </Button>
              ) : null}
            </Space>
          }
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
          <OrgUnitForm
            open={editing}
            unit={u}
            onClose={() => setEditing(false)}
            onSaved={() => {
              setEditing(false);
              state.reload();
            }}
          />
        </Card>
      )}
    </AsyncGate>
  );
}

export default function OrgUnitDetailPage() {
  const { id = '' } = useParams();
  return <Guard need="org.read">{UUID.test(id) ? <Inner key={id} id={id} /> : <NotFound />}</Guard>;
}
