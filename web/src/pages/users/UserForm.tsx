import { useEffect, useState } from 'react';
import { App, Button, Checkbox, Drawer, Form, Input, Select, Space, Switch } from 'antd';
import { ROLES, User, type Role, type User as UserT, type UserCreate, type UserUpdate } from '@fengqiao/shared';
import { api } from '../../api/client';
import { roleKey, useT } from '../../i18n';
import { applyFieldErrors, ErrorAlert } from '../../components/common';
import { UnitSelect } from '../../components/UnitSelect';
import { useMe } from '../../auth';

interface Values {
  username: string;
  displayName: string;
  password: string;
  roles: Role[];
  unitId: string | null;
  scopeAreaCode: string;
  phone: string;
  disabled: boolean;
  unlock: boolean;
}

export function UserForm({ open, user, onClose, onSaved }: { open: boolean; user: UserT | null; onClose: () => void; onSaved: (u: UserT) => void }) {
  const t = useT();
  const me = useMe();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const locked = !!user?.lockedUntil && new Date(user.lockedUntil).getTime() > Date.now();

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    form.setFieldsValue({
      username: user?.username ?? '',
      displayName: user?.displayName ?? '',
      password: '',
      roles: user?.roles ?? [],
      unitId: user?.unitId ?? null,
      scopeAreaCode: user?.scopeAreaCode ?? me.scopeArea.code,
      phone: '',
      disabled: user?.disabled ?? false,
      unlock: false,
    });
  }, [open, user, form, me.scopeArea.code]);

  const onFinish = async (v: Values) => {
    setBusy(true);
    setError(null);
    const phone = v.phone?.trim() || undefined;
    try {
      let saved: UserT;
      if (user) {
        const body: UserUpdate = {
          displayName: v.displayName.trim(),
          roles: v.roles,
          unitId: v.unitId ?? null,
          scopeAreaCode: v.scopeAreaCode.trim(),
          disabled: v.disabled,
          ...(v.password ? { password: v.password } : {}),
          ...(phone ? { phone } : {}),
          ...(v.unlock ? { unlock: true as const } : {}),
        };
        saved = await api(`/api/users/${user.id}`, { method: 'PATCH', body, schema: User });
      } else {
        const body: UserCreate = {
          username: v.username.trim(),
          displayName: v.displayName.trim(),
          password: v.password,
          roles: v.roles,
          unitId: v.unitId ?? null,
          scopeAreaCode: v.scopeAreaCode.trim(),
          ...(phone ? { phone } : {}),
        };
        saved = await api('/api/users', { method: 'POST', body, schema: User });
      }
      void message.success(user ? t('common.saved') : t('common.created'));
      onSaved(saved);
    } catch (e) {
      applyFieldErrors(form, e);
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={user ? t('user.editTitle') : t('user.createTitle')}
      size={480}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={busy} onClick={() => form.submit()} data-testid="user-form-submit">
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      {error ? (
        <div style={{ marginBottom: 12 }}>
          <ErrorAlert error={error} />
        </div>
      ) : null}
      <Form<Values> form={form} layout="vertical" onFinish={onFinish} data-testid="user-form">
        <Form.Item name="username" label={t('user.username')} rules={[{ required: !user }]}>
          <Input disabled={!!user} autoComplete="off" data-testid="user-username" />
        </Form.Item>
        <Form.Item name="displayName" label={t('user.displayName')} rules={[{ required: true }]}>
          <Input data-testid="user-display-name" />
        </Form.Item>
        <Form.Item name="password" label={t('user.password')} rules={[{ required: !user }]} extra={user ? t('user.passwordKeep') : undefined}>
          <Input.Password autoComplete="new-password" data-testid="user-password" />
        </Form.Item>
        <Form.Item name="roles" label={t('user.roles')} rules={[{ required: true }]}>
          <Select mode="multiple" data-testid="user-roles" options={ROLES.map((r) => ({ value: r, label: t(roleKey(r)) }))} />
        </Form.Item>
        <Form.Item name="unitId" label={t('user.unit')}>
          <UnitSelect initialLabel={user?.unitName ?? null} testid="user-unit" />
        </Form.Item>
        <Form.Item name="scopeAreaCode" label={t('user.scopeAreaCode')} rules={[{ required: true }]}>
          <Input data-testid="user-scope" />
        </Form.Item>
        <Form.Item name="phone" label={t('user.phone')} extra={user?.phoneMasked ? `${user.phoneMasked} · ${t('user.passwordKeep')}` : undefined}>
          <Input data-testid="user-phone" />
        </Form.Item>
        {user ? (
          <>
            <Form.Item name="disabled" label={t('user.disabled')} valuePropName="checked">
              <Switch />
            </Form.Item>
            {locked ? (
              <Form.Item name="unlock" valuePropName="checked">
                <Checkbox>{t('user.unlock')}</Checkbox>
              </Form.Item>
            ) : null}
          </>
        ) : null}
      </Form>
    </Drawer>
  );
}
