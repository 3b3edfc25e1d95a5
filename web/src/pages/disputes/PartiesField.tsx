import { Button, Card, Col, Form, Input, Row, Select, Space, type FormRule } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { DisputePartyInput, PARTY_KINDS, PARTY_ROLES, type PartyKind, type PartyRole } from '@fengqiao/shared';
import { useT } from '../../i18n';
import { dKindKey, dRoleKey } from './labels';

export interface PartyValues {
  role: PartyRole;
  kind: PartyKind;
  name?: string;
  idNumber?: string;
  phone?: string;
}

export const emptyParty = (role: PartyRole): PartyValues => ({ role, kind: 'person' });

/** The party as the server will read it: blanks left out, so the shared schema judges exactly what is sent. */
export function partyBody(p: PartyValues): DisputePartyInput {
  return {
    role: p.role,
    kind: p.kind,
    name: (p.name ?? '').trim(),
    idNumber: p.idNumber?.trim() || undefined,
    phone: p.phone?.trim() || undefined,
  };
}

/**
 * Checks one field of a party with the shared schema (GB 11643 check digit for a person's
 * 身份证号码, GB 32100 for an organisation's 统一社会信用代码, the phone pattern), so the form
 * says what is wrong before the server has to.
 */
function sharedRule(index: number, field: 'idNumber' | 'phone', wrap: (problem: string) => string): FormRule {
  return ({ getFieldValue }) => ({
    validator: async () => {
      const party = getFieldValue(['parties', index]) as PartyValues | undefined;
      if (!party) return;
      const parsed = DisputePartyInput.safeParse(partyBody({ ...party, name: party.name?.trim() || '—' }));
      const issue = parsed.success ? undefined : parsed.error.issues.find((i) => i.path[0] === field);
      if (issue) throw new Error(wrap(issue.message));
    },
  });
}

/** 申请人 / 被申请人 rows: a person with a 身份证号码 or an organisation with a 统一社会信用代码. */
export function PartiesField() {
  const t = useT();
  return (
    <Form.List name="parties">
      {(fields, { add, remove }) => (
        <Space orientation="vertical" style={{ width: '100%' }} size={8}>
          {fields.map((f) => (
            <Card key={f.key} size="small" data-testid="party-row">
              <Row gutter={8} align="top" wrap>
                <Col xs={12} md={3}>
                  <Form.Item name={[f.name, 'role']} label={t('dispute.partyRole')} rules={[{ required: true }]}>
                    <Select options={PARTY_ROLES.map((r) => ({ value: r, label: t(dRoleKey(r)) }))} data-testid="party-role" />
                  </Form.Item>
                </Col>
                <Col xs={12} md={4}>
                  <Form.Item name={[f.name, 'kind']} label={t('dispute.partyKind')} rules={[{ required: true }]}>
                    <Select options={PARTY_KINDS.map((k) => ({ value: k, label: t(dKindKey(k)) }))} data-testid="party-kind" />
                  </Form.Item>
                </Col>
                <Col xs={24} md={5}>
                  <Form.Item name={[f.name, 'name']} label={t('dispute.partyName')} rules={[{ required: true, whitespace: true, max: 80 }]}>
                    <Input maxLength={80} data-testid="party-name" />
                  </Form.Item>
                </Col>
                <Col xs={24} md={6}>
                  <Form.Item
                    name={[f.name, 'idNumber']}
                    label={t('dispute.partyId')}
                    dependencies={[['parties', f.name, 'kind']]}
                    validateTrigger="onBlur"
                    rules={[sharedRule(f.name, 'idNumber', (p) => t('dispute.idProblem', { problem: p }))]}
                  >
                    <Input maxLength={18} data-testid="party-id" />
                  </Form.Item>
                </Col>
                <Col xs={20} md={5}>
                  <Form.Item
                    name={[f.name, 'phone']}
                    label={t('dispute.partyPhone')}
                    validateTrigger="onBlur"
                    rules={[sharedRule(f.name, 'phone', () => t('dispute.phoneProblem'))]}
                  >
                    <Input maxLength={20} data-testid="party-phone" />
                  </Form.Item>
                </Col>
                <Col xs={4} md={1}>
                  {fields.length > 2 ? (
                    <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(f.name)} style={{ marginTop: 30 }} aria-label={t('dispute.removeParty')} />
                  ) : null}
                </Col>
              </Row>
            </Card>
          ))}
          {fields.length < 30 ? (
            <Button icon={<PlusOutlined />} onClick={() => add(emptyParty('respondent'))} data-testid="party-add">
              {t('dispute.addParty')}
            </Button>
          ) : null}
        </Space>
      )}
    </Form.List>
  );
}
