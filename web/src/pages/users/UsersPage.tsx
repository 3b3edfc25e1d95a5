import { useState } from 'react';
import { Button, Card, Form, Input, Select, Space, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { ROLES, UserPage, type Role, type User } from '@fengqiao/shared';
import { api } from '../../api/client';
import { useAuth } from '../../auth';
import { roleKey, useT } from '../../i18n';
import { ErrorAlert, Guard, useAsync } from '../../components/common';
import { UserForm } from './UserForm';
import { UserState } from './UserState';

interface Filters {
  q?: string;
  role?: Role;
  areaCode?: string;
}

function UsersInner() {
  const t = useT();
  const { can } = useAuth();
  const [filters, setFilters] = useState<Filters>({});
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm<Filters>();

  const list = useAsync(
    (signal) => api('/api/users', { query: { page, pageSize, q: filters.q, role: filters.role, areaCode: filters.areaCode }, schema: UserPage, signal }),
    [page, pageSize, filters],
  );

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
      <Form<Filters>
        form={form}
        layout="inline"
        style={{ marginBottom: 16, rowGap: 8 }}
        onFinish={(v) => {
          setPage(1);
          setFilters({ q: v.q?.trim() || undefined, role: v.role, areaCode: v.areaCode?.trim() || undefined });
        }}
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
        <Space>
          <Button type="primary" htmlType="submit" data-testid="user-filter-submit">
            {t('common.search')}
          </Button>
          <Button
            onClick={() => {
              form.resetFields();
              setPage(1);
              setFilters({});
            }}
          >
            {t('common.reset')}
          </Button>
        </Space>
      </Form>
      {list.error ? <ErrorAlert error={list.error} /> : null}
      <Table<User>
        rowKey="id"
        size="middle"
        data-testid="user-table"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        pagination={{
          current: page,
          pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (n) => t('common.total', { n }),
          onChange: (p, s) => {
            setPage(p);
            setPageSize(s);
          },
        }}
        columns={[
          { title: t('user.username'), dataIndex: 'username', render: (v: string, r) => <Link to={`/users/${r.id}`}>{v}</Link> },
          { title: t('user.displayName'), dataIndex: 'displayName' },
          {
            title: t('user.roles'),
            dataIndex: 'roles',
            render: (roles: Role[]) => (
              <Space size={2} wrap>
                {roles.map((r) => (
                  <Tag key={r} color="blue">
                    {t(roleKey(r))}
                  </Tag>
                ))}
              </Space>
            ),
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
          list.reload();
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
