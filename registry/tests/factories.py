"""Factories for registry records; tests build the records they assert on through these and the services."""

import datetime
import itertools

import factory
from django.contrib.auth import get_user_model

from hdnd.text import fold
from registry.models import Body, BodyKind, Council, CouncilLevel, Delegate, Person, Term, UnitType

_codes = itertools.count(90000)


class CouncilFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Council

    level = CouncilLevel.COMMUNE
    unit_type = UnitType.XA
    unit_name = factory.Sequence(lambda n: f"Thử Nghiệm {n}")
    unit_code = factory.LazyFunction(lambda: str(next(_codes)))
    active = True
    name_folded = factory.LazyAttribute(lambda o: fold(f"xã {o.unit_name}"))


class TermFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Term

    council = factory.SubFactory(CouncilFactory)
    name = "2021-2026"
    starts_on = datetime.date(2021, 6, 25)
    ends_on = datetime.date(2026, 6, 30)
    delegates_elected = 30


class BodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Body

    council = factory.SubFactory(CouncilFactory)
    kind = BodyKind.AGENCY
    name = factory.Sequence(lambda n: f"Phòng Thử nghiệm số {n}")
    short_name = factory.LazyAttribute(lambda o: o.name)
    name_folded = factory.LazyAttribute(lambda o: fold(o.name))


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    council = factory.SubFactory(CouncilFactory)
    full_name = factory.Sequence(lambda n: f"Nguyễn Văn Thử {n}")
    name_folded = factory.LazyAttribute(lambda o: fold(o.full_name))


class DelegateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Delegate

    term = factory.SubFactory(TermFactory)
    person = factory.SubFactory(PersonFactory, council=factory.SelfAttribute("..term.council"))
    elected_on = datetime.date(2021, 5, 23)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"nguoidung{n}")
    first_name = factory.Sequence(lambda n: f"Người dùng {n}")
    password = factory.PostGenerationMethodCall("set_password", "matkhau-thu-nghiem")

    @factory.post_generation
    def _save(obj, create: bool, extracted: object, **kwargs: object) -> None:
        if create:
            obj.save()
