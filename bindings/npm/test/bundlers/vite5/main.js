import * as cr from 'checkout-rules';
import { check } from './check.js';

check(cr);
