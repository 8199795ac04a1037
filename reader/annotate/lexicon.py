"""Hand-made word lists the annotators share: cues, titles, organisations, stop words."""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(w.replace("_", " ") for w in text.split())


#: Honorifics and roles that may precede a name; never part of the name's span.
TITLES = _words(
    """Mr Mr. Mrs Mrs. Ms Ms. Miss Dr Dr. Prof Prof. Professor Sir Dame Lord Lady Sheikh Sheik
    Rev Rev. Reverend Father Pope Imam Ayatollah Rabbi Cardinal Bishop Archbishop
    President Vice Prime Minister Ministers Deputy Foreign Defence Defense Interior Finance
    Economy Trade Health Education Justice Energy Assistant Secretary General Gen Gen. Lt Lt.
    Col Col. Maj Maj. Capt Capt. Sgt Sgt. Admiral Adm Adm. Brigadier Colonel Major Captain
    Commander Lieutenant Marshal Field Sergeant Corporal Private Officer Chief Senator Sen Sen.
    Rep Rep. Representative Congressman Congresswoman Governor Gov Gov. Mayor Ambassador Envoy
    Special Spokesman Spokeswoman Spokesperson Chancellor King Queen Prince Princess Emperor
    Sultan Emir Crown Speaker Chairman Chairwoman Chair CEO Director Judge Justice Attorney
    Coach Manager Striker Midfielder Defender Goalkeeper Captain Skipper Head Executive Founder
    Leader Premier Commissioner Inspector Detective Superintendent Constable Officer Dean
    Chancellor Rector Mufti Patriarch Metropolitan Rector Expatriates Affairs State Economic
    National Security Adviser Advisor Senior Former Acting Interim Opposition Party Undersecretary
    Under Representative Permanent Foreign_Minister Veteran Star Coach Champion Player Singer
    Actor Actress Author Writer Director Producer Drummer Guitarist Pianist Conductor Designer
    Chef Astronaut Scientist Researcher Economist Analyst Lawyer Prosecutor Defendant Dr
    Seismologist Astronomer Astrophysicist Historian Physicist Biologist Chemist Geologist
    Epidemiologist Virologist Climatologist Sociologist Psychologist Philosopher Mathematician
    Engineer Architect Photographer Journalist Reporter Editor Correspondent Columnist
    Councillor Councilor Alderman Sheriff Activist Campaigner Resident Spokesperson Whistleblower
    Entrepreneur Investor Banker Candidate Nominee Incumbent Challenger Councilman Councilwoman
    President-elect Vice-President Secretary-General Prime-Minister Republican Democrat
    Democratic Republicans Democrats Labour Tory Conservative Liberal Independent Socialist
    MP MPs MEP MSP TD Baroness Baron Viscount Countess Duchess Duke Earl Lady Lord Rt Hon"""
)

#: Role nouns that a pronoun-like "the minister said" can point back through.
ROLE_NOUNS = _words(
    """minister diplomat envoy official president spokesman spokeswoman spokesperson leader
    premier chancellor ambassador secretary general commander governor mayor senator lawmaker
    coach manager player striker captain chief executive ceo chairman chairwoman founder
    director scientist researcher professor author economist analyst officer judge lawyer
    prosecutor king queen prince emir sultan actor actress singer star champion veteran mother
    father woman man resident farmer teacher doctor nurse student owner founder boss head
    investor banker engineer astronomer biologist physicist historian curator activist
    pitcher batter catcher quarterback forward winger midfielder defender goalkeeper runner
    cyclist swimmer boxer jockey driver rider skier sprinter golfer bowler batsman fighter
    wrestler gymnast skater climber sailor rower dancer singer songwriter guitarist drummer
    comedian filmmaker photographer journalist reporter editor columnist lawyer attorney
    surgeon physician dentist pharmacist paramedic firefighter soldier pilot captain sergeant
    detective inspector constable mayor councillor congressman congresswoman senator
    representative envoy negotiator mediator spokesperson adviser advisor aide assistant
    pastor priest imam rabbi monk nun bishop cardinal entrepreneur executive economist"""
)

#: Relations and occupations that introduce a name ("her son, Nikos", "violinist Hilary Hahn").
KIN_ROLES = _words(
    """son daughter wife husband brother sister colleague friend partner widow grandson
    granddaughter nephew niece cousin uncle aunt fiancee girlfriend boyfriend violinist pianist
    composer poet novelist painter rapper"""
)

PRONOUNS = _words("he she He She they They")

#: Speech and reporting verbs used around quotes and as person cues.
SPEECH_VERBS = _words(
    """said says say told tells added adds noted stated stressed stresses
    underlined underlines explained explains declared declares insisted insists warned warns
    argued argues wrote writes asked asks replied replies answered continued continues
    recalled recalls admitted admits announced announces claimed emphasised emphasized
    emphasises emphasizes remarked observed concluded concludes confirmed
    confirms suggested suggests acknowledged acknowledges revealed reveals pointed
    urged urges commented tweeted posted joked quipped laughed shouted
    cautioned cautions predicted predicts believes believed thinks thought reckons reckoned
    conceded concedes contended contends maintained maintains agreed agrees hinted
    boasted boasts complained complains lamented recounted recounts describes
    described called says"""
)

#: Capitalised words that end a name chunk's claim to be a person or a place: institutions.
ORG_WORDS = _words(
    """Railways Railway Airways Marathon Classic Masters Invitational Biennale Triathlon Regatta Ministry Ministries Office Department Agency Council Committee Commission Party Parliament
    Assembly Congress Senate House Court Bank Fund Company Corporation Corp Corp. Inc Inc.
    Ltd Ltd. LLC Group Holdings Association Federation Union Organisation Organization
    Institute Institution University College School Academy Society Foundation Authority
    Service Services Forces Force Army Navy Guard Guards Police Brigade Brigades Front Movement
    Coalition Alliance Network Times Post News Journal Herald Tribune Gazette Daily Weekly
    Press Agency Radio Television TV Channel Media Club FC United City Rovers Athletic Albion
    Hotspur Wanderers Olympic Games League Cup Championship Tournament Festival Museum Hospital
    Airport Airlines Airways Station Stadium Arena Center Centre Square Street Road Avenue
    Bridge Palace Hall Tower Prize Award Awards Summit Forum Conference Treaty Agreement
    Accord Process Format Plan Programme Program Project Initiative Party's Republic's Motors
    Technologies Systems Labs Pharmaceuticals Energy Oil Gas Telecom Airlines Group's Times's
    Square Park Lake River Mountain Mountains Valley Desert Sea Ocean Bay Gulf Island Islands
    Telescope Observatory Satellite Rover Spacecraft Avenida Rue Calle Plaza Piazza Boulevard
    Via Strasse Straße Airbase Hotel Mall Theatre Theater Cathedral Mosque Synagogue Prison
    Research Foods Food Seafood Markets Market Capital Partners Solutions Consulting Analytics
    Pharma Ventures Software Entertainment Brands Stores Retail Bakery Restaurant Cafe Kitchen
    Farms Wines Brewery Coffee Insurance Realty Properties Logistics Shipping Securities
    Investments Advisors Locks Passage Treats Capital Health Motors Mining Steel Chemicals
    Images Photo Photos Illustration Illustrations Getty Shutterstock Laboratory Laboratories
    Rights Watch Lab Exposition Expo Exhibition Biennale Gallery Studio Orchestra Philharmonic Choir"""
)

#: News outlets and agencies: never people, never places, may be the source of a quote.
OUTLETS = _words(
    """Sputnik RT TASS Reuters AFP AP Bloomberg CNN BBC Anadolu Xinhua Interfax RIA SANA IRNA
    Fars Tasnim Mehr Kyodo Yonhap DPA EFE ANSA Al_Jazeera Al_Mayadeen Al_Arabiya Al-Monitor
    Asharq_Al-Awsat Hurriyet Hürriyet Sabah Milliyet Cumhuriyet Haaretz Izvestia Kommersant
    Vedomosti Pravda Politico Axios Forbes
    Newsweek Wired Fox NBC CBS ABC NPR PBS MSNBC Yahoo Google Facebook
    Twitter Instagram TikTok YouTube Telegram WhatsApp Substack LinkedIn Reddit
    Daily_Sabah TRT Ynet Maariv Yedioth Le_Monde Le_Figaro Der_Spiegel Spiegel Bild
    Die_Welt Die_Zeit El_País El_Pais Corriere La_Repubblica Asahi Yomiuri Nikkei
    Business_Insider Insider TechCrunch Engadget The_Verge CNET Mashable Gizmodo
    Quartz BuzzFeed HuffPost Huffington_Post Daily_Mail Mail_Online The_Sun Daily_Mirror
    Daily_Express Al-Ahram Kyiv_Independent Ukrainska_Pravda Meduza Novaya_Gazeta
    Kathimerini Times_of_India Hindustan_Times Straits_Times South_China_Morning_Post SCMP
    Globe_and_Mail Sydney_Morning_Herald ABC_News NBC_News CBS_News Fox_News Sky_News
    Nature Lancet The_Lancet Science_Advances New_Scientist Scientific_American Variety
    Billboard Rolling_Stone Deadline The_Hill Breitbart Semafor ProPublica Yonhap_News
    The_Economist The_Independent The_Guardian The_Times The_Telegraph Moscow_Times New_York_Times Washington_Post Wall_Street_Journal Financial_Times
    Associated_Press Agence_France-Presse ITV Channel_4 Euronews France_24 DW Deutsche_Welle
    Al-Akhbar Al-Watan Enab_Baladi Rudaw Kurdistan24 Hawar Agencies Voice_of_America
    Radio_Free_Europe Radio_Liberty Times_of_Israel Times_of_Malta"""
)

#: Capitalised words that are not names even when they start a chunk.
COMMON_WORDS = _words(
    """The A An And Or But If In On At To For From By With Without Of Off Over Under About
    After Before During Since Until Into Onto Upon Up Down Out As Than Then When Where While
    Why How What Which Who Whom Whose That This These Those There Here It Its It's He She We
    They I You His Her Their Our My Your Him Them Us Me Mine Yours All Any Both Each Every Few
    Many Most Much Some Such No Not Nor Only Own Same So Too Very Can Will Just Should Would
    Could May Might Must Shall Do Does Did Done Is Are Was Were Be Been Being Have Has Had
    Yes Yet Also Still Even Ever Never Now Today Tomorrow Yesterday Tonight Last Next First
    Later Earlier Meanwhile Instead However Afterwards Eventually Finally Separately Elsewhere
    Overall Nevertheless Moreover Indeed Perhaps Already Recently Previously Currently
    Initially Ultimately Asked Speaking Sadly Fortunately Unfortunately Clearly Certainly
    Test Tests Ashes
    Second Third New Old Great Good Best Better Big Little Long High Low Free Full Open Close
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April
    May June July August September October November December Spring Summer Autumn Winter
    Read More Related Listen Share Watch Video Photo Image Source Sources Update Updated
    Breaking Live Exclusive Analysis Opinion Editorial Comment Report Reports Advertisement
    North South East West Northern Southern Eastern Western Central Upper Lower Greater
    Mobile Nice Reading Bath Split Orange Union Liberty Independence Victory Unity Hope Faith
    Concord Harmony Mercy Grace Glory Paradise Eden Phoenix Eagle Buffalo Bear Fox Wolf Lion
    Gay Marion Temple Church Chapel Mission Plains Hills Heights Springs Falls Rapids Gardens
    Park Lake Valley Bay Beach Point Port Harbor Harbour Bridge Ford Mills Rock Stone Wood
    Green Brown White Black Grey Gray Red Blue Gold Silver Golden Royal Imperial Federal
    National International Global Public Private Social Middle Civil Human Military Foreign
    Minister Ministry Government State States President Parliament Army Police Court Office
    Republic Kingdom Empire Nation Nations World Earth Moon Sun Mars Venus Jupiter Saturn
    Mercury God Lord Christ Allah Islam Muslim Christian Jewish Catholic Sunni Shia Shiite
    Kurd Kurds Kurdish Arab Arabs Arabic English French Western Eastern Covid COVID Internet
    Web App Apple Amazon Meta Microsoft Tesla Twitter Google Netflix Uber Nvidia Intel Boeing
    Airbus Toyota Ford Shell Total BP Exxon Chevron Duma Of Man Many Goes Come Say Says Said
    Oh Well Yes Mr Mrs Ms Dr Prof Sir Dame Lady Ltd Inc Corp Co Street Road Avenue Agreement
    Deal Plan Peace War Cup League Games Olympics Champions Premier Super Bowl Series Final
    Finals Round Match Team Club Fans Season Party Parties Senate Congress House Assembly
    Council Committee Commission Department Agency Bureau Centre Center Institute University
    College School Hospital Museum Gallery Library Station Airport Stadium Arena Hotel Tower
    Palace Castle Market Bank Fund Group Company Corporation Holdings Industries Systems
    Brothers Sons Partners Associates Media News Times Post Journal Daily Weekly Monthly
    Press Radio Television Network Channel Studio Studios Records Pictures Films Books
    Foundation Trust Society Association Alliance Coalition Front Movement Forces Force
    Guard Navy Air Marines Coast Command Operations Operation Mission Project Program
    Programme Initiative Summit Conference Forum Congress Convention Treaty Accord Act Bill
    Law Code Constitution Charter Declaration Resolution Protocol Strategy Policy Budget
    Tax Prize Award Medal Trophy Championship Tournament Open Grand Prix Festival Fair Expo
    Day Night Week Month Year Years Time Times Age Era Century Decade Morning Evening
    Christmas Easter Ramadan Eid Hanukkah Thanksgiving Halloween Valentine Diwali Nowruz
    Hurriyet Sabah Sputnik Reuters Bloomberg Telegram Province Governorate Region District
    County Countryside Oblast Prefecture Municipality Territory Territories Strait Peninsula
    Plateau Basin Border Crossing Camp Refugee Refugees Province's Airbase Base Capital Old_City
    Cabinet Regime Opposition Government's Kingdom's People People's Mr Ms Read_more Al
    Sheikh Highway Route Canal Dam Port Islands Coast Region's Zone Asian African European
    Latin Nordic Balkan Slavic Oceanic Hurricane Storm Typhoon Cyclone Tropical"""
)

#: Gazetteer names that are nearly always something else in English news text.
NOT_PLACES = _words(
    """Of Nice Mobile Reading Bath Split Orange Duma Male Chelsea Arsenal Everton Ajax Sale Hull
    Derby March May June Bar Bra Wells Battle Bury Deal Eye Hope Ely Street Worth Sandy Banks
    Gap Mons Mission Temple Union Independence Concord Real Inter Bayern Roma Lazio Napoli
    Juventus Sunderland Fulham Brentford Burnley Gulf Eden Paradise Marina Colon Lens Mercedes
    Ferrari Renault Porsche Toyota Honda Nissan Mazda Subaru Fiat Bentley Jaguar Lotus
    Liberty Victory Kiwi Nome Price Young Best Much Zeit Welt Bild Sabah Mary Rivers Brent
    Batman Metro Lagos_State Delta Ocean Plateau Borno Lakes Cross Sunset Sunrise Summit Eagle Pride"""
)

#: Places that are also common surnames or first names: kept, but only with a place cue.
CUE_PLACES = _words(
    """Jackson Lincoln Hamilton Douglas Franklin Jefferson Madison Monroe Clinton Warren Nelson
    Marshall Newton Pierce Quincy Richmond Stanley Wayne Carson Logan Irving Dayton Davis
    Tyler Kent Sherman Vernon Chester Lawrence Eugene Norman Salem Aurora Alexandria Troy Reno
    Florence Victoria Austin Dallas Charlotte Augusta Raleigh Cork Nancy Dover Laval Leon
    Cali Mesa Plano Boulder Pueblo Homer Orlando Florence Regina Adelaide Darwin Hobart
    Wellington Nelson Preston Stoke Bolton Luton Crewe Derby Wigan Barrow Sydney Kingston
    Georgetown Lafayette Jordan Granada Cordoba Mendoza Salvador Natal Elizabeth Alexander
    Chase Murray"""
)

#: Words that, right after a place name, make the chunk a sports club, not a place.
CLUB_SUFFIXES = _words(
    """United City FC F.C. Rovers Wanderers Athletic Albion Hotspur Villa Forest Town County
    Rangers Celtic Thistle Argyle Wednesday Palace Orient Stanley Dons Saints Alexandra Vale
    Olympic Athletico CF SC AFC Utd Jets Kings Knights Lakers Warriors Giants Yankees Mets
    Cubs Sox Dodgers Bulls Bears Lions Tigers Eagles Hawks Heat Suns Spurs Raptors Nets
    Clippers Rockets Thunder Pistons Pacers Celtics Knicks Packers Patriots Steelers Cowboys
    Raiders Chargers Broncos Chiefs Seahawks Saints Vikings Falcons Panthers Dolphins Bills
    Ravens Browns Bengals Texans Colts Titans Jaguars Cardinals Rams Commanders Capitals
    Canadiens Maple Leafs Bruins Flyers Penguins Blackhawks Oilers Flames Canucks Senators
    Sabres Islanders Predators Stars Wild Blues Sharks Ducks Kings Avalanche Jazz Magic Nuggets"""
)

#: Words that, right before a place name, make the chunk a sports club.
CLUB_PREFIXES = _words(
    """Real Atletico Atlético Inter AC AS SS FC Bayern Borussia Olympique Sporting Dynamo Dinamo
    Lokomotiv Spartak CSKA Zenit Shakhtar Red_Star Partizan Hertha Eintracht Werder Hamburger
    Fortuna Union Racing Deportivo Athletic Celta Espanyol Olympiacos Panathinaikos PSV
    Feyenoord Ajax Benfica Porto Galatasaray Fenerbahce Fenerbahçe Besiktas Beşiktaş
    Trabzonspor Basaksehir Başakşehir Paris_Saint-Germain Manchester Newcastle Leeds Tour
    Giro Vuelta Rally"""
)

#: Last words that make a name a product model ("Gemini Ultra", "Vision Pro", "Claude Sonnet").
PRODUCT_TIERS = _words(
    """Ultra Plus Pro Mini Lite Fold Flip Sonnet Opus Haiku Turbo Nano Pixel Watch Buds Pods
    Vision Copilot Edition Prime Studio Beta"""
)

#: First words that are products or assistants, never given names here ("Galaxy", "Siri").
PRODUCT_NAMES = _words(
    """Gemini Galaxy Pixel iPhone iPad MacBook Kindle Copilot ChatGPT Cortana Bard
    Llama Grok PlayStation Xbox Nintendo Tesla Cybertruck Boeing Airbus Windows Android"""
)

#: Words after which the next capitalised chunk is probably a place.
LOCATIVE_CUES = _words(
    """in In at At near Near from From to To outside Outside across Across around Around
    toward towards into Into via through Through between Between within Within across
    throughout Throughout"""
)

#: Single-word organisations, parties and groups that a speech verb must not make a person.
ORG_NAMES = _words(
    """Hamas Hezbollah Hizbollah Taliban NATO Nato UN EU OPEC ISIS ISIL IS Daesh PKK YPG SDF HTS
    Kremlin Pentagon Gazprom Rosneft Wagner Houthis Houthi Fatah IDF IRGC FSB KGB CIA FBI MI6
    Mossad Interpol UNICEF UNESCO UNHCR WHO IMF OSCE ASEAN BRICS G7 G20 FIFA UEFA IOC NASA ESA
    SpaceX OpenAI Apple Amazon Meta Microsoft Tesla Google Netflix Uber Nvidia Intel Boeing Airbus
    Toyota Samsung Huawei Alibaba Tencent Sony Shell BP Exxon Chevron Aramco Pfizer Moderna
    Walmart Disney Spotify Starbucks Nike Adidas Volkswagen BMW Siemens Nestle Unilever IBM
    Oracle Twitter Facebook Instagram TikTok YouTube Telegram WhatsApp Parliament Knesset Majlis
    Duma Bundestag Congress Senate Downing Elysee Élysée Quai Whitehall Westminster Ennahda
    Likud Labour Conservatives Tories Democrats Republicans GOP AKP CHP MHP HDP DEM Baath
    Syrians Turks Russians Iranians Americans Kurds Arabs Israelis Palestinians Europeans
    Ukrainians Iraqis Lebanese Britons Germans Chinese Japanese Saudis Egyptians Afghans"""
)

#: Companies and bodies whose names look like a person or hold a place name.
ORG_PHRASES = _words(
    """Goldman_Sachs Morgan_Stanley Wells_Fargo JPMorgan JPMorgan_Chase Dow_Jones
    Charles_Schwab Lockheed_Martin Philip_Morris Johnson_&_Johnson Marks_&_Spencer
    Ernst_&_Young Rolls-Royce Merrill_Lynch Lehman_Brothers Bank_of_America Deutsche_Bank
    Credit_Suisse Standard_Chartered Raymond_James Edward_Jones Hewlett_Packard Ben_&_Jerry's
    Human_Rights_Watch Amnesty_International Doctors_Without_Borders Red_Cross Red_Crescent
    Paris_Saint-Germain Aston_Martin Harley-Davidson Estee_Lauder Dolce_&_Gabbana
    Louis_Vuitton Christian_Dior Calvin_Klein Ralph_Lauren Tommy_Hilfiger Hugo_Boss
    Warner_Bros Walt_Disney Procter_&_Gamble Berkshire_Hathaway Smith_&_Wesson
    Jack_Daniel's Johnnie_Walker Ronald_McDonald Wall_Street_Journal Federal_Reserve"""
)

#: Abbreviations that end with a full stop but do not end the name chunk ("Mr. Lavrov").
ABBREVIATIONS = _words(
    "Mr Mrs Ms Dr St Gen Sen Rep Gov Lt Col Sgt Capt Prof Rev Maj Adm Cmdr Gens Messrs Mt Ft"
)

#: Words that never belong inside a person's name, even after a known given name.
FUNCTION_WORDS = _words(
    """The A An And Or But If In On At To For From By With Without Of Off Over Under About
    After Before During Since Until Into Onto Upon As Than Then When Where While Why How What
    Which Who Whom Whose That This These Those There Here It Its He She We They I You His Her
    Their Our My Your Him Them Us Me All Any Both Each Every Few Many Most Much Some Such No
    Not Nor Only Own Same So Too Very Can Will Just Should Would Could Might Must Shall Do Does
    Did Is Are Was Were Be Been Being Have Has Had Yes Yet Also Still Even Ever Never Now Today
    Tomorrow Yesterday Tonight Monday Tuesday Wednesday Thursday Friday Saturday Sunday
    January February March April June July August September October November December Street
    Road Avenue Square Park Station Airport Hospital University College School Church"""
)
