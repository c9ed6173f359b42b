"""Demo data for a first look: members with Spanish names, six months of sales,
rewards and a campaign. Only into an empty shop, so it never mixes with real data.
Amounts and points are those of a euro shop scaled to the shop's currency (loyalty/programme/currencies.py):
a demo in Colombian pesos sells for 12.000 to 480.000 $, and its voucher is worth 40.000 $."""

import random
from dataclasses import replace
from datetime import timedelta

from ..common.clock import FixedClock
from ..common.errors import ValidationError
from ..common.messages import t
from ..ledger.enrolment import enrol_member
from ..ledger.redemptions import redeem_points
from ..ledger.sales import post_sale
from ..people.members import NewMember
from ..programme.campaigns import add_campaign
from ..programme.context import Context
from ..programme.currencies import scaled_amount
from ..programme.points import points_for_value
from ..programme.rewards import add_reward
from ..programme.wording import Wording

FIRST_NAMES = ["José", "María", "Lucía", "Javier", "Carmen", "Íñigo", "Ana", "Pablo", "Nuria", "Sofía",
               "Álvaro", "Marta", "Raúl", "Elena", "Begoña", "Andrés", "Paula", "Sergio", "Irene", "Óscar"]
LAST_NAMES = ["Núñez", "García", "Martínez", "López", "Sánchez", "Pérez", "Gómez", "Fernández", "Muñoz", "Peña",
              "Ibáñez", "Castaño", "Ruiz", "Díaz", "Moreno", "Álvarez", "Romero", "Navarro", "Torres", "Domínguez"]


def demo_allowed(ctx: Context) -> bool:
    """Demo data only goes into an empty shop on its own: in a chain's counter it would be sent to
    every till as real members and sales."""
    return not ctx.db.execute("SELECT EXISTS (SELECT 1 FROM members) OR EXISTS (SELECT 1 FROM hub_link)").fetchone()[0]


def load_demo_data(ctx: Context, members: int = 40, seed: int = 7) -> int:
    if not demo_allowed(ctx):
        if ctx.db.execute("SELECT 1 FROM hub_link").fetchone():
            raise ValidationError(t("demo: this counter belongs to a chain; demo data would reach every till"), "demo")
        raise ValidationError(t("demo: the shop already has members; demo data only goes into an empty shop"), "demo")
    rng = random.Random(seed)
    real_now = ctx.clock.now()
    clock = FixedClock(real_now - timedelta(days=180))
    demo = replace(ctx, clock=clock)   # the same person, six months back
    programme = ctx.programme()
    code, decimals = programme.currency, programme.currency_decimals

    def worth(euro_cents: int) -> int:
        """The points worth what `euro_cents` would be in a euro shop, at this shop's point value."""
        return points_for_value(scaled_amount(euro_cents, code, decimals), programme.points_per_currency_unit, decimals)

    voucher = scaled_amount(1_000, code, decimals)
    add_reward(demo, "Café gratis", worth(300), stock=None)
    add_reward(demo, "Bolsa de tela", worth(800), stock=25)
    add_reward(demo, f"Vale de {Wording('es').money(voucher // 10**decimals, 0, code)}", worth(1_000))
    add_campaign(demo, "Puntos dobles los martes", "2", (real_now - timedelta(days=60)).date().isoformat(),
                 (real_now + timedelta(days=60)).date().isoformat(), "tue")
    cards = []
    for index in range(members):
        name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)} {rng.choice(LAST_NAMES)}"
        phone = f"6{rng.randrange(10**8):08d}"
        member = enrol_member(demo, NewMember(name=name, phone=phone, marketing_consent=rng.randrange(10) < 6,
                                              birthday=f"19{rng.randrange(50, 99)}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 28):02d}"))
        cards.append((member.card, rng.choice([2, 5, 10, 30])))
    receipt = 1000
    while True:
        clock.advance(hours=rng.randrange(1, 9))
        if clock.now() > real_now:   # a step past now would date a sale in the future
            break
        card, every_days = rng.choice(cards)
        if rng.randrange(every_days) < 10:  # regulars buy often, occasional members rarely
            receipt += 1
            price = scaled_amount(rng.randrange(300, 12000), code, decimals)
            result = post_sale(demo, card, price, f"T{receipt}")
            if result.balance > worth(600) and rng.randrange(10) == 0:
                redeem_points(demo, card, worth(500))
    return members
