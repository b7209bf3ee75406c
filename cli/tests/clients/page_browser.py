"""The page of scor serve in headless Chromium driven by chromedriver (Selenium): the example lot and a
rejected lot uploaded, their verdicts, predicted ARL and findings read off the page, the language
of a French browser and the switch to English, keyboard focus; screenshots saved. Usage: page_browser.py URL EXAMPLE_DIR REJECTED_DIR OUT_DIR"""

import os
import shutil
import sys

from selenium import webdriver
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

URL, EXAMPLE, REJECTED, OUT = sys.argv[1:5]
os.makedirs(OUT, exist_ok=True)
failures = []


def check(name, condition, detail=""):
    print(("ok   " if condition else "FAIL ") + name + ("" if condition else f": {detail}"))
    if not condition:
        failures.append(name)


options = webdriver.ChromeOptions()
options.binary_location = shutil.which("chromium") or shutil.which("chromium-browser")
for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1400", "--lang=fr-FR"]:
    options.add_argument(argument)
# A browser set up in French: its Accept-Language asks for French first.
options.add_experimental_option("prefs", {"intl.accept_languages": "fr-FR,fr"})
driver = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)
wait = WebDriverWait(driver, 60)


def upload(folder, page):
    driver.get(page)  # a new page: the file input keeps no earlier selection
    paths = [os.path.join(folder, name) for name in sorted(os.listdir(folder))]
    driver.find_element(By.ID, "files").send_keys("\n".join(paths))
    wait.until(lambda d: d.find_element(By.ID, "summary").get_attribute("class") not in ("", None))
    wait.until(expected_conditions.visibility_of_element_located((By.ID, "report")))
    summary = driver.find_element(By.ID, "summary")
    driver.switch_to.frame(driver.find_element(By.ID, "report"))
    report = wait.until(lambda d: d.find_element(By.TAG_NAME, "body").text.strip() and d.find_element(By.TAG_NAME, "body").text)
    driver.switch_to.default_content()
    return summary.get_attribute("class"), summary.text, report


try:
    driver.get(URL + "/")
    check("the page follows a French browser", driver.find_element(By.TAG_NAME, "h1").text == "Contrôle d'un lot SCOR",
          driver.find_element(By.TAG_NAME, "h1").text)
    reached = []
    for _ in range(6):
        ActionChains(driver).send_keys(Keys.TAB).perform()
        reached.append(driver.switch_to.active_element.get_attribute("id"))
    check("the keyboard reaches the language link and both file pickers", {"lang", "files", "folder"} <= set(reached),
          reached)

    state, summary, report = upload(EXAMPLE, URL + "/")
    driver.save_screenshot(os.path.join(OUT, "example-lot.png"))
    # Not fully evaluated: without a history of lots, its EXTERNE reference cannot be looked up.
    check("the example lot is not fully evaluated",
          state == "not-fully-evaluated" and "Pas entièrement évalué" in summary, (state, summary))
    check("its predicted ARL is accepted, cause 0000", "0000" in summary, summary)
    check("the report is shown in place, in French", "ARL prévu" in report and "conforme" in report, report[:300])
    check("the JSON and SARIF downloads are offered", driver.find_element(By.ID, "sarif").is_displayed())

    state, summary, report = upload(REJECTED, URL + "/")
    driver.save_screenshot(os.path.join(OUT, "rejected-lot.png"))
    check("the rejected lot is not conformant", state == "not-conformant" and "Non conforme" in summary,
          (state, summary))
    check("its finding is shown, with its rule", "FIELD-SPECIALITE" in report, report[:600])
    check("its predicted ARL is a rejection", "0000" not in summary.split("ARL")[-1], summary)

    driver.get(URL + "/?lang=en")
    check("English on request", driver.find_element(By.TAG_NAME, "h1").text == "Check a SCOR lot")
    state, summary, report = upload(REJECTED, URL + "/?lang=en")
    check("the verdict in English", "Not conformant" in summary, summary)
    check("the report in English", "Predicted ARL" in report and "NOT conformant" in report, report[:300])
    driver.save_screenshot(os.path.join(OUT, "rejected-lot-en.png"))
finally:
    driver.quit()

print(f"screenshots in {OUT}")
print(f"{len(failures)} failed")
sys.exit(1 if failures else 0)
