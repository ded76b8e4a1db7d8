#!/usr/bin/env python3
"""Writes the two evaluation corpora for the link rules (see docs/compliance.md, "Smishing links").

  legitimate.tsv   category <TAB> advertiser <TAB> advertiser's own domains <TAB> text
  smishing.tsv     category <TAB> link form <TAB> abused advertiser <TAB> that advertiser's domains <TAB> text
  blocklist-feed.txt  a stand-in for an imported blocklist feed (some reported domains and URLs)

Texts are single lines; "\\n" stands for a line break. Run from this directory:
    python3 generate.py

The script builds texts from templates and varied parts (names, goods, amounts, dates, places).
It deliberately knows nothing of the detector: its domains come from its own word lists modelled
on the shapes public smishing reports (KISA, police, carriers) describe: brand-plus-word domains,
random strings on cheap TLDs, shorteners, numeric hosts, disguised dots, and texts with no link at
all (a call-back number or "reply to this number"). Legitimate texts link to the advertiser's own
site, a store on a big platform, a messenger channel, or nothing. The seed is fixed so the files
are reproducible; the test reads the files, not this script.
"""
import random

R = random.Random(20261201)


def pick(xs):
    return R.choice(xs)


def digits(n):
    return "".join(R.choice("0123456789") for _ in range(n))


def alnum(n, chars="abcdefghijkmnpqrstuvwxyz23456789"):
    return "".join(R.choice(chars) for _ in range(n))


def opt_out():
    return "무료거부 080-" + digits(3) + "-" + digits(4) if R.random() < 0.6 else "무료수신거부 080-" + digits(4) + "-" + digits(4)


def won(lo, hi, step=1000):
    return "{:,}원".format(R.randrange(lo, hi, step))


def month_day():
    return "{}/{}".format(R.randint(1, 12), R.randint(1, 28))


# ---------------------------------------------------------------- legitimate advertising

ADVERTISERS = {
    "retail": [
        ("봄빛마트", ["bomvitmart.co.kr"]), ("해담마켓", ["haedam-market.com"]), ("그린하우스몰", ["greenhousemall.kr"]),
        ("오늘의정육", ["todaymeat.co.kr"]), ("바른가구", ["barunfurniture.com"]), ("라온뷰티", ["raonbeauty.co.kr"]),
        ("모아슈즈", ["moashoes.kr"]), ("하루과일", ["harufruit.com"]), ("신선가득", ["sinsungadeuk.co.kr"]),
        ("리빙온", ["livingon.kr"]), ("소담베이커리", ["sodambakery.com"]), ("올리브하우스", ["olivehouse.co.kr"]),
        ("이마트24 역삼점", ["emart24.co.kr"]), ("롯데마트", ["lottemart.com"]), ("무신사", ["musinsa.com"]),
        ("올리브영", ["oliveyoung.co.kr"]), ("컬리", ["kurly.com"]), ("11번가", ["11st.co.kr"]),
    ],
    "finance": [
        ("KB국민은행", ["kbstar.com"]), ("신한카드", ["shinhancard.com"]), ("하나은행", ["hanabank.com"]),
        ("우리카드", ["wooricard.com"]), ("NH농협은행", ["nhbank.com"]), ("삼성카드", ["samsungcard.com"]),
        ("현대카드", ["hyundaicard.com"]), ("한빛저축은행", ["hanbitsb.co.kr"]), ("미래에셋증권", ["miraeasset.com"]),
        ("DB손해보험", ["idbins.com"]), ("카카오뱅크", ["kakaobank.com"]), ("토스뱅크", ["tossbank.com"]),
    ],
    "telecom": [
        ("SK텔레콤", ["tworld.co.kr", "sktelecom.com"]), ("KT", ["kt.com"]), ("LG유플러스", ["lguplus.com"]),
        ("헬로모바일", ["lghellovision.net"]), ("알뜰폰 모빙", ["mobing.co.kr"]), ("티플러스", ["tplusmobile.com"]),
        ("스카이라이프", ["skylife.co.kr"]), ("인터넷비교센터", ["netcompare.kr"]),
    ],
    "real_estate": [
        ("힐스테이트 송도", ["hillstate-songdo.co.kr"]), ("래미안 원펜타스", ["raemian.co.kr"]), ("푸르지오 더센트럴", ["prugio.com"]),
        ("더샵 오션뷰", ["thesharp.co.kr"]), ("e편한세상 시티", ["ecity-model.co.kr"]), ("한강부동산중개", ["hangangrealty.kr"]),
        ("서초오피스텔 분양", ["seocho-officetel.com"]), ("자이 더 리버", ["xi.co.kr"]),
    ],
    "food": [
        ("김밥명가 신촌점", ["kimbapmyungga.kr"]), ("카페 온도", ["cafeondo.com"]), ("한우마을", ["hanwoomaeul.co.kr"]),
        ("피자스쿨 정자점", ["pizzaschool.net"]), ("교촌치킨", ["kyochon.com"]), ("본죽", ["bonif.co.kr"]),
    ],
    "education": [
        ("해냄수학학원", ["haenaem-math.co.kr"]), ("에듀윌", ["eduwill.net"]), ("파고다어학원", ["pagoda21.com"]),
        ("시원스쿨", ["siwonschool.com"]), ("별빛피아노", ["byulbitpiano.kr"]), ("코딩하는아이", ["codingkid.co.kr"]),
    ],
    "travel": [
        ("하나투어", ["hanatour.com"]), ("모두투어", ["modetour.com"]), ("제주여행센터", ["jejutravelcenter.com"]),
        ("야놀자", ["yanolja.com"]), ("대한항공", ["koreanair.com"]), ("바다펜션", ["badapension.kr"]),
    ],
    "health": [
        ("튼튼정형외과", ["teunteun-clinic.co.kr"]), ("하늘치과", ["haneuldental.com"]), ("바디핏 휘트니스", ["bodyfit-gym.kr"]),
        ("밝은안과", ["bright-eye.co.kr"]), ("숲속요가", ["forestyoga.kr"]), ("더웰약국", ["thewellpharm.com"]),
    ],
    "auto": [
        ("현대자동차 강남지점", ["hyundai.com"]), ("기아 오토큐", ["kia.com"]), ("스피드메이트", ["speedmate.com"]),
        ("카앤세차", ["carandwash.kr"]), ("타이어뱅크", ["tirebank.co.kr"]),
    ],
}

PRODUCTS = {
    "retail": ["제철 딸기 2kg", "한우 등심 1+ 등급", "겨울 패딩", "무선청소기", "유기농 달걀 30구", "러닝화", "수분크림",
               "원목 식탁", "샤인머스캣", "김장 배추 10kg", "구스 이불", "에어프라이어", "니트 가디건", "선크림 2+1"],
    "finance": ["적금 연 4.5%", "정기예금 특판", "신용카드 첫 결제 캐시백", "자동차보험 다이렉트", "연금저축 이벤트",
                "해외결제 수수료 면제", "청년도약계좌", "ISA 계좌 개설 이벤트"],
    "telecom": ["5G 요금제 할인", "인터넷+TV 결합", "갤럭시 신제품 사전예약", "아이폰 보상판매", "알뜰폰 월 9,900원 요금제",
                "가족결합 할인", "데이터 무제한 요금제"],
    "real_estate": ["84㎡ 잔여세대 선착순 분양", "모델하우스 오픈", "계약금 5% 정액제", "중도금 무이자", "역세권 오피스텔 분양",
                    "전세 매물 안내", "상가 임대 안내"],
    "food": ["런치세트 20% 할인", "신메뉴 출시", "배달 주문 시 음료 무료", "생일 쿠폰", "2인 세트 특가", "포장 할인"],
    "education": ["겨울방학 특강", "수강료 30% 할인", "무료 레벨테스트", "신규반 개강", "자격증 합격반", "체험수업 무료"],
    "travel": ["제주 2박3일 특가", "일본 오사카 패키지", "얼리버드 항공권", "호텔 주말 특가", "동남아 자유여행", "마일리지 2배 적립"],
    "health": ["임플란트 상담 이벤트", "PT 10회 등록 시 2회 추가", "건강검진 패키지", "라식·라섹 상담", "비타민 세트 할인",
               "요가 한 달 체험"],
    "auto": ["엔진오일 교환 할인", "타이어 4짝 특가", "신차 구매 상담", "겨울철 무상점검", "손세차 쿠폰"],
}

OPENERS = ["고객님, 안녕하세요.", "안녕하세요 고객님!", "늘 감사드립니다.", "회원님께만 드리는 혜택!", "{month}월 한정 이벤트 안내",
           "이번 주말 특별 행사!", "단골 고객님께 알려드립니다.", "새해 복 많이 받으세요.", "따뜻한 연말 되세요!"]
BODIES = ["{product} {discount} 할인 진행합니다.", "{product} 행사가 {date}까지 진행됩니다.",
          "{product}, 지금 신청하시면 사은품을 드립니다.", "{product} 특가! 선착순 {n}명 한정입니다.",
          "{product} 이벤트에 참여하세요. 기간 {date}~{date2}.", "{product} 출시 기념 {discount} 할인 쿠폰을 드려요.",
          "{product} 구매 시 포인트 {points}P 적립!", "{product} 상담 예약 받습니다."]
CLOSERS = ["자세한 내용은 아래 링크에서 확인하세요.", "매장 방문 시 이 문자를 보여주세요.", "문의는 고객센터로 연락 주세요.",
           "감사합니다.", "많은 관심 부탁드립니다.", "놓치지 마세요!"]


def contact():
    return pick(["02", "031", "032", "051", "053", "042", "062", "064"]) + "-" + digits(R.choice([3, 4])) + "-" + digits(4) \
        if R.random() < 0.6 else pick(["1588", "1577", "1644", "1600", "1899", "1566"]) + "-" + digits(4)


def legit_link(name, domains):
    domain = domains[0]
    r = R.random()
    if r < 0.28:
        return None
    if r < 0.55:
        return "https://" + pick(["", "www.", "m.", "event."]) + domain + pick(["", "/event", "/sale/" + digits(3), "/coupon?c=" + alnum(6), "/"])
    if r < 0.68:
        return pick(["www.", "m.", ""]) + domain + pick(["", "/event", "/store"])
    if r < 0.78:
        return "https://smartstore.naver.com/" + alnum(8, "abcdefghijklmnopqrstuvwxyz")
    if r < 0.86:
        return "https://pf.kakao.com/_" + alnum(6, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
    if r < 0.91:
        return "https://www.instagram.com/" + alnum(7, "abcdefghijklmnopqrstuvwxyz_")
    if r < 0.95:
        return "https://map.naver.com/p/entry/place/" + digits(8)
    if r < 0.975:
        return "https://youtu.be/" + alnum(11, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
    # a minority of real campaigns still shorten their links; the shortener rule refuses them by design
    return pick(["https://naver.me/", "han.gl/", "https://bit.ly/"]) + alnum(7, "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")


def regular_and_sale():
    regular = R.randrange(20000, 300000, 1000)
    return "정상가 {:,}원 → 특가 {:,}원".format(regular, regular * R.choice([5, 6, 7, 8]) // 10 // 100 * 100)


def legit_text(category, name, domains):
    parts = ["(광고)" + name]
    if R.random() < 0.4:
        parts.append(pick(OPENERS).format(month=R.randint(1, 12)))
    product = pick(PRODUCTS[category])
    body = pick(BODIES).format(product=product, discount=pick(["10%", "15%", "20%", "30%", "50%", "최대 40%"]),
                               date=month_day(), date2=month_day(), n=R.choice([50, 100, 200, 300]),
                               points=R.choice([1000, 3000, 5000]))
    parts.append(body)
    if R.random() < 0.35:
        parts.append(pick(["가격 " + won(9900, 99000, 100), regular_and_sale(),
                           "3.5% 추가 적립", "평일 10:00~19:00 운영", "주차 2시간 무료", "Vol.2 신상품 입고"]))
    link = legit_link(name, domains)
    if link:
        parts.append((pick(CLOSERS[:1] + ["▶", "바로가기:", "자세히 보기", "예약:"]) + " " + link))
    else:
        parts.append(pick(CLOSERS[1:]))
    parts.append("문의 " + contact())
    parts.append(opt_out())
    return "\\n".join(p.strip() for p in parts)


def legitimate():
    rows = []
    for category, advertisers in ADVERTISERS.items():
        per = 44 if category in ("retail", "finance", "telecom", "real_estate") else 28
        for i in range(per):
            name, domains = advertisers[i % len(advertisers)]
            rows.append((category, name, " ".join(domains), legit_text(category, name, domains)))
    return rows


# ---------------------------------------------------------------- smishing patterns

CHEAP_TLDS = ["xyz", "top", "icu", "site", "online", "club", "vip", "shop", "cyou", "buzz", "sbs", "cfd", "cc", "info", "me", "live", "link"]
DELIVERY_NAMES = [("CJ대한통운", ["cjlogistics", "cj-logistics", "cjlogis", "cj-delivery", "cjparcel"]),
                  ("우체국", ["epost", "epost-kr", "koreapost", "kpost-delivery", "epost-go"]),
                  ("한진택배", ["hanjin", "hanjin-express", "hanjinparcel"]),
                  ("롯데택배", ["lotteglogis", "lotte-logis", "lotteglobal"]),
                  ("로젠택배", ["ilogen", "logen-parcel", "ilogen-kr"])]
BANK_NAMES = [("KB국민은행", ["kbstar", "kb-star", "kbbank", "kbstar-security", "kbstarr"]),
              ("신한은행", ["shinhan", "shinhan-bank", "shinhanbank-safe", "shlnhan"]),
              ("우리은행", ["wooribank", "woori-bank", "wooribnk", "woori-safe"]),
              ("하나은행", ["hanabank", "hana-bank", "hanabnak", "kebhana-secure"]),
              ("NH농협", ["nonghyup", "nh-bank", "nhbank-safe", "nonghyop"]),
              ("카카오뱅크", ["kakaobank", "kakao-bank", "kakaobanks"]),
              ("IBK기업은행", ["ibk-bank", "ibkbank", "ibk-secure"]),
              ("신한카드", ["shinhancard", "shinhan-card", "shinhancards"]),
              ("삼성카드", ["samsungcard", "samsung-card", "samsunqcard"]),
              ("현대카드", ["hyundaicard", "hyundai-card", "hyundalcard"])]
GOV_NAMES = [("경찰청", ["police", "police-fine", "efine", "efine-kr", "kpolice"]),
             ("국세청", ["hometax", "hometax-go", "nts-refund", "hometaxx"]),
             ("정부24", ["gov24", "gov-kr", "gokr", "minwon24", "gov24-kr"]),
             ("국민건강보험", ["nhis", "nhis-check", "nhis-kr"]),
             ("검찰청", ["prosecutor", "spo-case", "prosecutor-kr"]),
             ("도로교통공단", ["koroad-fine", "roadfine", "efine"])]
RANDOM_WORDS = ["check", "info", "view", "web", "app", "safe", "help", "center", "notice", "m", "go", "my", "kr", "link", "service"]
SHORTENERS = ["bit.ly", "han.gl", "me2.do", "vo.la", "url.kr", "buly.kr", "t.ly", "tinyurl.com", "c11.kr", "zrr.kr", "is.gd", "cutt.ly"]
GENERIC_HOST_WORDS = ["parcel", "delivery", "invite", "wedding", "card", "photo", "notice", "event", "album", "memorial", "funeral",
                      "refund", "fine", "check", "secure", "verify", "update", "mobile", "view"]


def brandish_host(words):
    w = pick(words)
    shape = R.random()
    if shape < 0.35:
        return w + "." + pick(CHEAP_TLDS)
    if shape < 0.6:
        return w + "-" + pick(RANDOM_WORDS) + "." + pick(CHEAP_TLDS + ["com", "net"])
    if shape < 0.8:
        return pick(RANDOM_WORDS) + "-" + w + "." + pick(CHEAP_TLDS + ["com"])
    if shape < 0.9:
        return w + ".co.kr." + pick(CHEAP_TLDS)
    return w + "." + pick(["com", "net", "kr.com", "co"])


def random_host():
    shape = R.random()
    if shape < 0.4:
        return alnum(R.randint(4, 8)) + "." + pick(CHEAP_TLDS)
    if shape < 0.7:
        return pick(GENERIC_HOST_WORDS) + "-" + alnum(3) + "." + pick(CHEAP_TLDS + ["com", "net"])
    return pick(GENERIC_HOST_WORDS) + pick(GENERIC_HOST_WORDS) + "." + pick(CHEAP_TLDS)


def path():
    return pick(["", "/" + alnum(5), "/?n=" + digits(6), "/" + alnum(3) + "/" + alnum(4), "/m"])


def disguise(host):
    """The evasions public reports describe, applied to a host."""
    label, _, rest = host.partition(".")
    form = R.random()
    if form < 0.25:
        return "hxxp://" + host + path(), "hxxp"
    if form < 0.45:
        return label + " . " + rest + path(), "spaced dot"
    if form < 0.6:
        return label + pick(["。", "．", "ㆍ"]) + rest + path(), "unicode dot"
    if form < 0.72:
        return label + "[.]" + rest + path(), "bracketed dot"
    if form < 0.86:
        return "https://" + pick(["kbstar.com", "www.epost.go.kr", "gov.kr", "naver.com", "kakao.com"]) + "@" + host + path(), "user-info"
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in host) + path(), "full-width"


def smishing_link(words, allow_none=0.0):
    """A link in one of the forms smishing uses, and the form's name (for the per-form table)."""
    r = R.random()
    if r < allow_none:
        return None, "no link"
    r = R.random()
    if r < 0.27:
        return pick(["https://", "http://", ""]) + pick(SHORTENERS) + "/" + alnum(R.randint(5, 8), "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"), "shortener"
    if r < 0.57 and words:
        return pick(["http://", "https://", ""]) + brandish_host(words) + path(), "brand look-alike"
    if r < 0.72:
        return pick(["http://", "https://", ""]) + random_host() + path(), "random domain"
    if r < 0.78:
        return "http://" + ".".join(str(R.randint(1, 223)) for _ in range(4)) + pick(["", ":8080"]) + path(), "numeric host"
    return disguise(brandish_host(words) if words and R.random() < 0.5 else random_host())


def delivery():
    name, words = pick(DELIVERY_NAMES)
    link, form = smishing_link(words)
    no = digits(R.choice([10, 12, 13]))
    t = pick([
        "[{n}] 고객님의 택배가 주소지 불명으로 보관중입니다. 주소 확인 후 재배송 신청해주세요 {l}",
        "[Web발신]\\n[{n}] 운송장번호 {no} 배송지 주소가 불일치하여 반송 예정입니다. 확인: {l}",
        "{n} 택배 배송불가 안내\\n도로명 주소 미기재로 배송이 지연되고 있습니다. 주소 수정 {l}",
        "[국제발신] 고객님 소포가 관세 미납으로 통관 보류중입니다. 관세 {amt} 납부: {l}",
        "[{n}] {date} 배송예정 상품이 부재로 반송되었습니다. 재배송 예약 {l}",
        "고객님의 상품({no})이 도착했으나 수령인 정보가 정확하지 않습니다. {l} 에서 확인 바랍니다.",
        "[{n}]주소불명 반송처리 예정. 24시간 내 미확인시 폐기됩니다 {l}",
        "택배 보관기간 만료 안내\\n운송장 {no}\\n보관료 {amt} 미납\\n{l}",
    ])
    return t.format(n=name, no=no, l=link, amt=won(1500, 9900, 100), date=month_day()), form


def funeral_wedding():
    kind = R.random()
    link, form = smishing_link([], allow_none=0.0) if R.random() < 0.7 else smishing_link(pick([w for _, w in BANK_NAMES]))
    who = pick(["김민수", "이정훈", "박서연", "최지훈", "정수빈", "강동원", "윤미경", "한상철", "오세훈", "임지은"])
    if kind < 0.5:
        t = pick([
            "[부고] {w}님의 부친께서 별세하셨기에 삼가 알려드립니다. 장례식장 안내 {l}",
            "[부고]\\n故 {w}님께서 {date} 별세하셨습니다.\\n빈소 및 발인 일정: {l}",
            "삼가 고인의 명복을 빕니다. {w}님 모친상 부고장 {l}",
            "[訃告] {w} 님 본인상 장례 안내드립니다 {l} 마음으로 위로를 전해주세요.",
            "부고 알림. {w}님의 조모께서 영면하셨습니다. 조문 안내 {l}",
        ])
    else:
        t = pick([
            "저희 결혼합니다♡ {w}의 모바일 청첩장 보내드려요 {l}",
            "[모바일청첩장] {date} {w} 결혼식에 초대합니다. {l}",
            "{w} 결혼식 초대장이 도착했습니다. 확인하기 {l}",
            "축복해주세요! 모바일 청첩장 & 오시는 길 {l}",
            "[돌잔치 초대] {w}네 첫돌 잔치에 초대합니다 {l}",
        ])
    return t.format(w=who, l=link, date=month_day()), form


def government():
    name, words = pick(GOV_NAMES)
    link, form = smishing_link(words)
    t = pick([
        "[{n}] 교통법규 위반 과태료 {amt} 미납 고지서가 발송되었습니다. 조회 {l}",
        "[{n}] 귀하의 차량(12가{no4}) 속도위반 범칙금 고지. 미납시 가산금 부과 {l}",
        "[{n}] 종합소득세 환급금 {amt} 미수령 안내. 환급 신청 {l}",
        "[{n}] 건강검진 결과 통보서가 발송되었습니다. 결과 확인: {l}",
        "[{n}] 귀하 명의로 사건이 접수되었습니다. 사건 조회 {l}",
        "[{n}] 민원 처리결과 안내: 주민등록 정보 변경 확인 필요 {l}",
        "[{n}] 고지서 전자송달 안내. 납부기한 {date} 까지 {l}",
        "[{n}] 국민지원금 신청 대상자입니다. {date}까지 신청 {l}",
    ])
    return t.format(n=name, amt=won(40000, 200000, 1000), no4=digits(4), l=link, date=month_day()), form


def family():
    # Most family-impersonation texts carry no link: they move the victim to a messenger chat.
    link, form = smishing_link([], allow_none=0.45)
    who = pick(["엄마", "아빠", "엄마~", "아빠 나야", "이모", "삼촌"])
    if link is None:
        t = pick([
            "{w} 나 폰 액정 깨져서 수리 맡겼어. 임시폰이니까 이 번호로 문자줘",
            "{w} 핸드폰 고장나서 컴퓨터로 문자하는 중이야. 카톡 친구추가 좀 해줘",
            "{w} 바빠? 급하게 부탁할 게 있는데 이 번호로 답장줘",
            "{w} 나 폰 잃어버려서 친구폰으로 보내. 상품권 결제 좀 대신 해줄 수 있어?",
            "{w}, 휴대폰이 침수돼서 임시로 쓰는 번호야. 통화는 안 되고 문자만 돼",
        ])
        return t.format(w=who), form
    t = pick([
        "{w} 나 폰 고장나서 임시폰이야. 보험 청구해야 되는데 이거 설치 좀 해줄래? {l}",
        "{w} 액정 깨져서 사진 못 봐. 여기 들어가서 인증 좀 해줘 {l}",
        "{w} 나 새 번호야 저장해줘~ 사진 보냈어 {l}",
        "{w} 급해서 그런데 이 링크로 원격지원 앱 깔아줘 {l}",
    ])
    return t.format(w=who, l=link), form


def bank():
    name, words = pick(BANK_NAMES)
    link, form = smishing_link(words, allow_none=0.12)
    if link is None:
        t = pick([
            "[{n}] 해외결제 승인 {amt} 정상승인. 본인 아닐시 고객센터 {tel} 문의",
            "[{n}] 고객님 명의로 대출 {amt} 신청 접수. 본인 아니면 즉시 {tel} 연락바랍니다",
        ])
        return t.format(n=name, amt=won(300000, 2000000, 100), tel="1600-" + digits(4)), form
    t = pick([
        "[{n}] 고객님 계좌에서 비정상 로그인이 감지되었습니다. 본인인증 {l}",
        "[{n}] 보안등급 하향으로 이체가 제한됩니다. 보안카드 재인증 {l}",
        "[{n}] 해외결제 {amt} 승인. 본인이 아닐 경우 즉시 취소 {l}",
        "[{n}] 개인정보 유출 의심 계좌로 지정되었습니다. 확인 {l}",
        "[{n}] 고객님 OTP 유효기간 만료. 재발급 신청 {l}",
        "[{n}] 정부지원 저금리 대환대출 대상자 선정. 한도 조회 {l}",
        "[{n}] 공동인증서 갱신 기한 {date}. 미갱신 시 서비스 중지 {l}",
        "[{n}] 고객님 카드가 정지 예정입니다. 본인확인 후 해제 {l}",
    ])
    return t.format(n=name, amt=won(300000, 2000000, 100), l=link, date=month_day()), form


def smishing():
    rows = []
    makers = [("delivery", delivery, 80), ("funeral_wedding", funeral_wedding, 60), ("government", government, 70),
              ("family", family, 60), ("bank", bank, 90)]
    abused = [a for cat in ADVERTISERS.values() for a in cat]
    for category, make, count in makers:
        for _ in range(count):
            text, form = make()
            name, domains = pick(abused)
            rows.append((category, form, name, " ".join(domains), text))
    return rows


def main():
    legit = legitimate()
    smish = smishing()
    with open("legitimate.tsv", "w", encoding="utf-8") as out:
        out.write("# category\tadvertiser\tadvertiser domains\ttext (generated by generate.py; \\n = line break)\n")
        for row in legit:
            out.write("\t".join(row) + "\n")
    with open("smishing.tsv", "w", encoding="utf-8") as out:
        out.write("# category\tlink form\tabused advertiser\tits domains\ttext (generated by generate.py; \\n = line break)\n")
        for row in smish:
            out.write("\t".join(row) + "\n")
    # A stand-in for a reported-URL feed: about half of the smishing hosts seen here, plus others.
    hosts = set()
    for row in smish:
        text = row[4]
        for token in text.replace("\\n", " ").split():
            if "." in token and "/" in token and token.startswith("http"):
                hosts.add(token.split("//", 1)[1].split("/", 1)[0].split("@")[-1].split(":")[0])
    feed = sorted(h for h in hosts if R.random() < 0.5)
    feed += [alnum(6) + "." + pick(CHEAP_TLDS) for _ in range(200)]
    with open("blocklist-feed.txt", "w", encoding="utf-8") as out:
        out.write("# a stand-in for an imported blocklist feed: one domain a line (generated by generate.py)\n")
        for host in feed:
            out.write(host + "\n")
    print(len(legit), "legitimate,", len(smish), "smishing,", len(feed), "feed entries")


if __name__ == "__main__":
    main()
