import { Button, Group, NumberInput, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { FeeScheduleView, ProductView } from '../../../../../src-shared/contract';
import { call } from '../../../api/client';
import { SaveProblem } from '../SaveProblem';
import { CONFIGURATION_KEY } from '../use-configuration';
import { toMajor, toMinor, useSettingsSave } from '../use-settings-save';

/** One product's late fee in one currency; amounts typed in major units and saved in minor units, the percentage in basis points. */
export function FeeForm({ fee, products, onDone }: { fee: FeeScheduleView | null; products: ProductView[]; onDone: () => void }) {
  const [productCode, setProductCode] = useState<string | null>(fee?.productCode ?? products[0]?.code ?? null);
  const [currency, setCurrency] = useState(fee?.currency ?? 'TTD');
  const [graceDays, setGraceDays] = useState<number | string>(fee?.graceDays ?? 10);
  const [flatFee, setFlatFee] = useState<number | string>(fee ? toMajor(fee.flatFeeMinor, fee.currency) : 0);
  const [percent, setPercent] = useState<number | string>(fee ? fee.percentBps / 100 : 0);
  const [maxFee, setMaxFee] = useState<number | string>(fee?.maxFeeMinor != null ? toMajor(fee.maxFeeMinor, fee.currency) : '');
  const save = useSettingsSave({
    save: () => call('settings.saveFeeSchedule', {
      ...(fee ? { id: fee.id } : {}), productCode: productCode ?? '', currency: currency.trim().toUpperCase(), graceDays: Number(graceDays),
      flatFeeMinor: toMinor(Number(flatFee), currency), percentBps: Math.round(Number(percent) * 100), maxFeeMinor: maxFee === '' ? null : toMinor(Number(maxFee), currency),
    }),
    done: 'Fee schedule saved',
    reload: [CONFIGURATION_KEY],
    onSaved: onDone,
  });
  return (
    <Stack gap="sm">
      <SimpleGrid cols={3} spacing="sm">
        <Select label="Product" data={products.map((product) => ({ value: product.code, label: product.name }))} value={productCode} onChange={setProductCode} allowDeselect={false} error={save.fieldError('productCode')} />
        <TextInput label="Currency" value={currency} onChange={(event) => setCurrency(event.currentTarget.value)} maxLength={3} error={save.fieldError('currency')} />
        <NumberInput label="Grace days" value={graceDays} onChange={setGraceDays} min={0} max={365} allowDecimal={false} error={save.fieldError('graceDays')} />
        <NumberInput label="Flat fee" value={flatFee} onChange={setFlatFee} min={0} decimalScale={2} thousandSeparator="," error={save.fieldError('flatFeeMinor')} />
        <NumberInput label="Percentage of amount due" value={percent} onChange={setPercent} min={0} max={100} decimalScale={2} suffix="%" error={save.fieldError('percentBps')} />
        <NumberInput label="Maximum fee" placeholder="No cap" value={maxFee} onChange={setMaxFee} min={0} decimalScale={2} thousandSeparator="," error={save.fieldError('maxFeeMinor')} />
      </SimpleGrid>
      <SaveProblem problem={save.problem} inline={['productCode', 'currency', 'graceDays', 'flatFeeMinor', 'percentBps', 'maxFeeMinor']} />
      <Group justify="flex-end">
        <Button variant="default" onClick={onDone}>Cancel</Button>
        <Button onClick={() => save.mutate(undefined)} loading={save.isPending}>Save fee schedule</Button>
      </Group>
    </Stack>
  );
}
