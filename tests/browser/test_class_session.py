"""A live class: a tutor page and three student pages (one a phone) in separate browser contexts."""

from __future__ import annotations

import re

import pytest

from explorer import Explorer, Scenario
from tests.browser.class_pages import (
    DESKTOP, PHONE, choose_question, expect_step, new_page, open_student, shoot, start_session,
)
from tests.browser.driver import AppDriver, expect
from tests.browser.test_accessibility import AXE, blocking_violations, describe

pytestmark = pytest.mark.browser
SCENARIO = Scenario(behaviour="malignant", resectable="no", symptoms=("pain",))


def test_students_follow_answer_and_see_the_reveal(browser, app_url: str, explorer: Explorer) -> None:  # noqa: ANN001
    total = len(explorer.evaluate(SCENARIO).trace)
    assert total >= 3, "precondition: the scenario needs a trace of several steps"
    tutor = AppDriver(new_page(browser, DESKTOP), app_url)
    code, url = start_session(tutor, SCENARIO)
    assert re.fullmatch(r"[A-HJKMNP-Z2-9]{6}", code) and url == f"{app_url}/?join={code}"
    students = [new_page(browser, PHONE), new_page(browser, DESKTOP), new_page(browser, DESKTOP)]
    for page in students:
        open_student(page, url)
        expect(page.get_by_text(f"Class session {code}")).to_be_visible()
        expect_step(page, 1, total)
        expect(AppDriver(page, app_url).disclaimer).to_be_visible()
    expect(tutor.main.get_by_text("3 joined")).to_be_visible()

    tutor.click("Next")  # the students follow without a reload
    for page in students:
        expect_step(page, 2, total)

    prompt = choose_question(tutor, re.compile(r"^Is .* discussed for this scenario\?$"))
    tutor.click("Ask the class")
    for page in students:
        expect(page.get_by_role("heading", name=f"Question: {prompt}")).to_be_visible()
    yes_student, no_student, changer = students
    yes_student.get_by_role("button", name="Yes", exact=True).click()
    no_student.get_by_role("button", name="No", exact=True).click()
    changer.get_by_role("button", name="Yes", exact=True).click()
    expect(changer.get_by_role("button", name="✓ Yes (your answer)")).to_be_visible()
    changer.get_by_role("button", name="No", exact=True).click()  # changed until locked
    expect(changer.get_by_role("button", name="✓ No (your answer)")).to_be_visible()
    expect(tutor.main.get_by_text("3 joined · 3 answered")).to_be_visible()
    expect(tutor.main.get_by_text(re.compile(r"^Yes: 1 \(33%\)$"))).to_be_visible()
    expect(tutor.main.get_by_text(re.compile(r"^No: 2 \(67%\)$"))).to_be_visible()
    shoot(tutor.page, "class-tutor-open-1280x720")

    tutor.click("Lock")
    for page in students:
        expect(page.get_by_text("The tutor has locked the question.")).to_be_visible()
    tutor.click("Reveal")
    for page in students:
        expect(page.get_by_text(re.compile(r"^Right answer: (Yes|No)\.")).first).to_be_visible()
    right = "Yes" if yes_student.get_by_text("That is the right answer.").count() else "No"
    for page, mine in ((yes_student, "Yes"), (no_student, "No"), (changer, "No")):
        verdict = "That is the right answer." if mine == right else f"The right answer is {right}."
        expect(page.get_by_text(f"Your answer: {mine}. {verdict}")).to_be_visible()
    expect(tutor.main.get_by_text("✓ right answer", exact=False)).to_have_count(1)
    shoot(tutor.page, "class-tutor-revealed-1280x720")
    shoot(yes_student, "class-student-revealed-390x844")
    for page in (tutor.page, *students):
        AppDriver(page, app_url).expect_no_error_output()
        page.context.close()


def test_tutor_and_student_views_have_no_serious_accessibility_violations(browser, app_url: str) -> None:  # noqa: ANN001
    if not AXE.exists():
        pytest.skip("axe-core not installed: `npm install` at the repo root")
    tutor = AppDriver(new_page(browser, {"width": 1440, "height": 900}), app_url)
    code, url = start_session(tutor, SCENARIO)
    student = AppDriver(new_page(browser, PHONE), app_url)
    open_student(student.page, url)
    tutor.click("Ask the class")
    expect(student.page.get_by_role("heading", name=re.compile("^Question: "))).to_be_visible()
    found = []
    for where, driver in (("tutor", tutor), ("student", student)):
        driver.wait_idle()
        violations = blocking_violations(driver)
        if violations:
            found.append(describe(where, violations))
    shoot(tutor.page, "class-tutor-question-1440x900")
    shoot(student.page, "class-student-question-390x844")
    for driver in (tutor, student):
        driver.page.context.close()
    assert not found, "\n" + "\n".join(found)
