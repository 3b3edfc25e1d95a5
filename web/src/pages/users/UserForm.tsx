import { useEffect } from 'react';
import { Checkbox, Form, Input, Select, Switch } from 'antd';
import { ROLES, User, type Role, type User as UserT, type UserCreate, type UserUpdate } from '@fengqiao/shared';
import { api } from '../../api/client';
import { roleKey, useT } from '../../i18n';
import { FormDrawer, useServerFormErrors } from '../../components/forms';
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
  const [form] = Form.useForm<Values>();
  const server = useServerFormErrors(form);
  const { reset } = server;
  const locked = !!user?.lockedUntil && new Date(user.lockedUntil).getTime() > Date.now();

  useEffect(() => {
    if (!open) return;
    reset({
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
  }, [open, user, reset, me.scopeArea.code]);

  const save = (v: Values): Promise<UserT> => {
    const phone = v.phone?.trim() || undefined;
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
      return api(`/api/users/${user.id}`, { method: 'PATCH', body, schema: User });
    }
    const body: UserCreate = {
      username: v.username.trim(),
      displayName: v.displayName.trim(),
      password: v.password,
      roles: v.roles,
      unitId: v.unitId ?? null,
      scopeAreaCode: v.scopeAreaCode.trim(),
      ...(phone ? { phone } : {}),
    };
    return api('/api/users', { method: 'POST', body, schema: User });
  };

  const onFinish = (v: Values) => server.submit(() => save(v), user ? t('common.saved') : t('common.created'), onSaved);

  return (
    <FormDrawer open={open} onClose={onClose} title={user ? t('user.editTitle') : t('user.createTitle')} form={form} state={server} submitTestId="user-form-submit">
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
    </FormDrawer>
  );
}
