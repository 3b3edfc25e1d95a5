import { useState } from 'react';
import { Button, Card, Form, Input, Select, Space, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router';
import dayjs from 'dayjs';
import { ORG_KINDS, OrgUnitPage, type OrgKind, type OrgUnit } from '@fengqiao/shared';
import { useAuth } from '../../auth';
import { orgKindKey, useT } from '../../i18n';
import { Guard } from '../../components/common';
import { FilterForm, PagedTable, trimOrUndef, usePagedQuery } from '../../components/paged';
import { OrgUnitForm } from './OrgUnitForm';

type Filters = {
  areaCode?: string;
  kind?: OrgKind;
  q?: string;
};

function OrgUnitsInner() {
  const t = useT();
  const { can } = useAuth();
  const nav = useNavigate();
  const [creating, setCreating] = useState(false);
  const query = usePagedQuery('/api/org-units', OrgUnitPage);

  return (
    <Card
      title={t('org.title')}
      extra={
        can('org.write') ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="org-create">
            {t('org.new')}
          </Button>
        ) : null
      }
    >
      <FilterForm<Filters> query={query} normalize={(v) => ({ areaCode: trimOrUndef(v.areaCode), kind: v.kind, q: trimOrUndef(v.q) })}>
        <Form.Item name="q" label={t('org.keyword')}>
          <Input allowClear data-testid="org-filter-q" />
        </Form.Item>
        <Form.Item name="kind" label={t('org.kind')}>
          <Select allowClear style={{ width: 180 }} placeholder={t('common.all')} options={ORG_KINDS.map((k) => ({ value: k, label: t(orgKindKey(k)) }))} />
        </Form.Item>
        <Form.Item name="areaCode" label={t('org.areaCode')}>
          <Input allowClear style={{ width: 180 }} />
        </Form.Item>
      </FilterForm>
      <PagedTable<OrgUnit>
        query={query}
        rowKey="id"
        data-testid="org-table"
        columns={[
          { title: t('org.name'), dataIndex: 'name', render: (v: string, r) => <Link to={`/org-units/${r.id}`}>{v}</Link> },
          { title: t('org.kind'), dataIndex: 'kind', render: (k: OrgKind) => <Tag>{t(orgKindKey(k))}</Tag> },
          { title: t('org.area'), dataIndex: 'areaName', render: (v: string, r) => <span title={r.areaCode}>{v}</span> },
          { title: t('org.phone'), dataIndex: 'phone', render: (v: string | null) => v ?? '—' },
          {
            title: t('org.categories'),
            dataIndex: 'categories',
            render: (c: string[]) => (
              <Space size={2} wrap>
                {c.slice(0, 4).map((x) => (
                  <Tag key={x}>{x}</Tag>
                ))}
                {c.length > 4 ? <Tag>+{c.length - 4}</Tag> : null}
              </Space>
            ),
          },
          { title: t('org.createdAt'), dataIndex: 'createdAt', render: (v: string) => dayjs(v).format('YYYY-MM-DD') },
        ]}
      />
      <OrgUnitForm
        open={creating}
        unit={null}
        onClose={() => setCreating(false)}
        onSaved={(u) => {
          setCreating(false);
          nav(`/org-units/${u.id}`);
        }}
      />
    </Card>
  );
}

export default function OrgUnitsPage() {
  return (
    <Guard need="org.read">
      <OrgUnitsInner />
    </Guard>
  );
}
