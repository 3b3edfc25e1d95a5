import { useEffect } from 'react';
import { Form, Input, InputNumber, Select } from 'antd';
import { CONTACT_KINDS, Contact, type Contact as ContactT, type ContactCreate, type ContactKind } from '@fengqiao/shared';
import { api } from '../../api/client';
import { useT } from '../../i18n';
import { FormDrawer, useServerFormErrors } from '../../components/forms';
import { UnitSelect } from '../../components/UnitSelect';
import { useMe } from '../../auth';
import { contactKindKey } from './kind';

interface Values {
  areaCode: string;
  kind: ContactKind;
  name: string;
  title: string;
  unitId: string | null;
  phone: string;
  duty: string;
  sort: number;
}


export function ContactForm({ open, contact, onClose, onSaved }: { open: boolean; contact: ContactT | null; onClose: () => void; onSaved: (c: ContactT) => void }) {
  const t = useT();
  const me = useMe();
  const [form] = Form.useForm<Values>();
  const server = useServerFormErrors(form);
  const { reset } = server;

  useEffect(() => {
    if (!open) return;
    reset(
      contact
        ? { areaCode: contact.areaCode, kind: contact.kind, name: contact.name, title: contact.title, unitId: contact.unit?.id ?? null, phone: contact.phone, duty: contact.duty ?? '', sort: contact.sort }
        : { areaCode: me.scopeArea.code, kind: 'leader', name: '', title: '', unitId: null, phone: '', duty: '', sort: 0 },
    );
  }, [open, contact, reset, me.scopeArea.code]);

  const save = (v: Values): Promise<ContactT> => {
    const body: ContactCreate = {
      areaCode: v.areaCode.trim(),
      kind: v.kind,
      name: v.name.trim(),
      title: v.title.trim(),
      unitId: v.unitId ?? null,
      phone: v.phone.trim(),
      duty: v.duty?.trim() ? v.duty.trim() : null,
      sort: v.sort ?? 0,
    };
    return contact
      ? api(`/api/contacts/${contact.id}`, { method: 'PATCH', body, schema: Contact })
      : api('/api/contacts', { method: 'POST', body, schema: Contact });
  };

  return (
    <FormDrawer open={open} onClose={onClose} title={contact ? t('contacts.editTitle') : t('contacts.createTitle')} form={form} state={server} submitTestId="contact-form-submit">
      <Form<Values> form={form} layout="vertical" data-testid="contact-form" onFinish={(v) => server.submit(() => save(v), contact ? t('common.saved') : t('common.created'), onSaved)}>
        <Form.Item name="areaCode" label={t('contacts.area')} rules={[{ required: true }]}>
          <Input data-testid="contact-area-code" />
        </Form.Item>
        <Form.Item name="kind" label={t('contacts.kind')} rules={[{ required: true }]}>
          <Select options={CONTACT_KINDS.map((k) => ({ value: k, label: t(contactKindKey(k)) }))} />
        </Form.Item>
        <Form.Item name="name" label={t('contacts.name')} rules={[{ required: true }]}>
          <Input maxLength={80} data-testid="contact-name" />
        </Form.Item>
        <Form.Item name="title" label={t('contacts.jobTitle')} rules={[{ required: true }]}>
          <Input maxLength={80} data-testid="contact-title" />
        </Form.Item>
        <Form.Item name="phone" label={t('contacts.phone')} extra={t('contacts.phoneHint')} rules={[{ required: true }]}>
          <Input inputMode="tel" maxLength={20} data-testid="contact-phone" />
        </Form.Item>
        <Form.Item name="unitId" label={t('contacts.unit')}>
          <UnitSelect initialLabel={contact?.unit?.name ?? null} />
        </Form.Item>
        <Form.Item name="duty" label={t('contacts.duty')}>
          <Input.TextArea maxLength={300} autoSize={{ minRows: 2, maxRows: 4 }} />
        </Form.Item>
        <Form.Item name="sort" label={t('contacts.sort')}>
          <InputNumber min={0} max={9999} precision={0} />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
