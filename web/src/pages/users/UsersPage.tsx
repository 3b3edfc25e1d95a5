import { useState } from 'react';
import { Button, Card, Form, Input, Select } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { ROLES, UserPage, type Role, type User } from '@fengqiao/shared';
import { useAuth } from '../../auth';
import { roleKey, useT } from '../../i18n';
import { Guard } from '../../components/common';
import { RoleTags } from '../../components/RoleTags';
import { FilterForm, PagedTable, trimOrUndef, usePagedQuery } from '../../components/paged';
import { UserForm } from './UserForm';
import { UserState } from './UserState';

type Filters = {
  q?: string;
  role?: Role;
  areaCode?: string;
};

function UsersInner() {
  const t = useT();
  const { can } = useAuth();
  const [creating, setCreating] = useState(false);
  const query = usePagedQuery('/api/users', UserPage);

  return (
    <Card
      title={t('user.title')}
      extra={
        can('user.write') ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="user-create">
            {t('user.new')}
          </Button>
        ) : null
      }
    >
      <FilterForm<Filters>
        query={query}
        normalize={(v) => ({ q: trimOrUndef(v.q), role: v.role, areaCode: trimOrUndef(v.areaCode) })}
        submitTestId="user-filter-submit"
      >
        <Form.Item name="q" label={t('user.keyword')}>
          <Input allowClear data-testid="user-filter-q" />
        </Form.Item>
        <Form.Item name="role" label={t('user.roleFilter')}>
          <Select allowClear style={{ width: 160 }} placeholder={t('common.all')} options={ROLES.map((r) => ({ value: r, label: t(roleKey(r)) }))} />
        </Form.Item>
        <Form.Item name="areaCode" label={t('user.scopeAreaCode')}>
          <Input allowClear style={{ width: 180 }} />
        </Form.Item>
      </FilterForm>
      <PagedTable<User>
        query={query}
        rowKey="id"
        data-testid="user-table"
        columns={[
          { title: t('user.username'), dataIndex: 'username', render: (v: string, r) => <Link to={`/users/${r.id}`}>{v}</Link> },
          { title: t('user.displayName'), dataIndex: 'displayName' },
          {
            title: t('user.roles'),
            dataIndex: 'roles',
            render: (roles: Role[]) => <RoleTags roles={roles} size={2} />,
          },
          { title: t('user.unit'), dataIndex: 'unitName', render: (v: string | null) => v ?? '—' },
          { title: t('user.scopeArea'), dataIndex: 'scopeAreaName', render: (v: string, r) => <span title={r.scopeAreaCode}>{v}</span> },
          { title: t('user.phone'), dataIndex: 'phoneMasked', render: (v: string | null) => v ?? '—' },
          { title: t('user.state'), key: 'state', render: (_: unknown, r) => <UserState u={r} /> },
        ]}
      />
      <UserForm
        open={creating}
        user={null}
        onClose={() => setCreating(false)}
        onSaved={() => {
          setCreating(false);
          query.list.reload();
        }}
      />
    </Card>
  );
}

export default function UsersPage() {
  return (
    <Guard need="user.read">
      <UsersInner />
    </Guard>
  );
}
