import { useState } from 'react';
import { Button, Card, Input, Select, Space, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { z } from 'zod';
import { CONTACT_KINDS, Contact, type Contact as ContactT, type ContactKind } from '@fengqiao/shared';
import { api } from '../../api/client';
import { useAuth } from '../../auth';
import { useT } from '../../i18n';
import { ErrorAlert, Guard, useAsync } from '../../components/common';
import { AreaCascader } from '../../components/AreaCascader';
import { DeleteAction } from '../catalogue/shared';
import { ContactForm } from './ContactForm';
import { contactKindKey } from './kind';

const ContactList = z.array(Contact);

function ContactsInner() {
  const t = useT();
  const { can } = useAuth();
  const writable = can('contact.write');
  const [areaCode, setAreaCode] = useState<string>();
  const [kind, setKind] = useState<ContactKind>();
  const [q, setQ] = useState('');
  const [query, setQuery] = useState('');
  const [editing, setEditing] = useState<ContactT | null>(null);
  const [drawerOpen, setDrawerOpen] = useState(false);
  const list = useAsync((signal) => api('/api/contacts', { query: { areaCode, kind, q: query.trim() || undefined }, schema: ContactList, signal }), [areaCode, kind, query]);

  const open = (c: ContactT | null) => {
    setEditing(c);
    setDrawerOpen(true);
  };

  return (
    <Card
      title={t('contacts.title')}
      extra={
        writable ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => open(null)} data-testid="contact-create">
            {t('contacts.new')}
          </Button>
        ) : null
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <AreaCascader onChange={setAreaCode} placeholder={t('contacts.area')} style={{ width: 280 }} testid="contact-filter-area" />
        <Select<ContactKind> allowClear style={{ width: 140 }} placeholder={t('contacts.kind')} value={kind} onChange={setKind} options={CONTACT_KINDS.map((k) => ({ value: k, label: t(contactKindKey(k)) }))} />
        <Input.Search allowClear placeholder={t('contacts.keyword')} value={q} onChange={(e) => setQ(e.target.value)} onSearch={setQuery} style={{ width: 220 }} data-testid="contact-filter-q" />
      </Space>
      {list.error ? <ErrorAlert error={list.error} /> : null}
      <Table<ContactT>
        size="small"
        rowKey="id"
        data-testid="contact-table"
        loading={list.loading}
        dataSource={list.data ?? []}
        scroll={{ x: 900 }}
        pagination={{ pageSize: 50, showSizeChanger: true, showTotal: (n) => t('common.total', { n }) }}
        columns={[
          { title: t('contacts.area'), dataIndex: 'areaName', render: (v: string, r) => <span title={r.areaCode}>{v}</span> },
          { title: t('contacts.kind'), dataIndex: 'kind', render: (k: ContactKind) => <Tag>{t(contactKindKey(k))}</Tag> },
          { title: t('contacts.name'), dataIndex: 'name' },
          { title: t('contacts.jobTitle'), dataIndex: 'title' },
          { title: t('contacts.phone'), dataIndex: 'phone', render: (p: string) => <a href={`tel:${p}`}>{p}</a> },
          { title: t('contacts.unit'), key: 'unit', render: (_: unknown, r) => r.unit?.name ?? '—' },
          { title: t('contacts.duty'), dataIndex: 'duty', render: (v: string | null) => v ?? '—' },
          { title: t('contacts.sort'), dataIndex: 'sort', width: 70 },
          ...(writable
            ? [
                {
                  title: t('common.actions'),
                  key: 'a',
                  width: 120,
                  render: (_: unknown, r: ContactT) => (
                    <Space>
                      <a onClick={() => open(r)} data-testid="contact-edit">
                        {t('contacts.edit')}
                      </a>
                      <DeleteAction path={`/api/contacts/${r.id}`} onDeleted={list.reload} />
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <ContactForm
        open={drawerOpen}
        contact={editing}
        onClose={() => setDrawerOpen(false)}
        onSaved={() => {
          setDrawerOpen(false);
          list.reload();
        }}
      />
    </Card>
  );
}

export default function ContactsPage() {
  return (
    <Guard need="contact.read">
      <ContactsInner />
    </Guard>
  );
}
